import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { getEnv } from "./env";

/**
 * A demo-mode secret, generated once into .data/keys/ and reused by every process and restart
 * (a per-process secret would sign everyone out on restart). Production takes secrets from the
 * environment and getEnv() refuses to start without them.
 */
export function demoSecret(name: string): string {
  const dir = path.resolve(getEnv().DATA_DIR, "keys");
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, randomBytes(48).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e; // another process made it first
  }
  return fs.readFileSync(file, "utf8").trim();
}

export function getAuthSecret(): string {
  return getEnv().AUTH_SECRET ?? demoSecret("auth-secret");
}
