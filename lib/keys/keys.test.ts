import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compactVerify, CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getEnv, resetEnvCache } from "@/lib/env";
import { keySet, publicJwk, publicKeys, resetKeysForTests, signingKey } from ".";

const PRIVATE = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
const saved = { ...process.env };
let dataDir = "";

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "exchange-keys-"));
  process.env.DATA_DIR = dataDir;
  process.env.APP_MODE = "demo";
  delete process.env.LEDGER_SIGNING_JWKS;
  delete process.env.CREDENTIAL_SIGNING_JWKS;
  resetEnvCache();
  resetKeysForTests();
});

afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  resetEnvCache();
  resetKeysForTests();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function privateJwk(alg: "EdDSA" | "RS256", kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === "EdDSA" ? { crv: "Ed25519" } : { modulusLength: 2048 }),
  });
  return { ...(await exportJWK(privateKey)), kid, alg };
}

function useEnvSet(name: "LEDGER_SIGNING_JWKS" | "CREDENTIAL_SIGNING_JWKS", value: unknown) {
  process.env[name] = typeof value === "string" ? value : JSON.stringify(value);
  resetEnvCache();
  resetKeysForTests();
}

describe("[KEYS] signing keys: demo sets, environment sets, public parts", () => {
  it("generates a demo set once into DATA_DIR/keys and reuses it after a restart", async () => {
    const first = await signingKey("ledger");
    const file = path.join(dataDir, "keys", "ledger.jwks.json");
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const jws = await new CompactSign(new TextEncoder().encode("signed before the restart"))
      .setProtectedHeader({ alg: "EdDSA", kid: first.kid })
      .sign(first.key);

    resetKeysForTests(); // a new process: nothing cached, the file is read again
    const again = await signingKey("ledger");
    expect(again.kid).toBe(first.kid);
    const [pub] = await publicKeys("ledger");
    const verified = await compactVerify(jws, await importJWK(pub!, "EdDSA"));
    expect(new TextDecoder().decode(verified.payload)).toBe("signed before the restart");
    expect(fs.readdirSync(path.join(dataDir, "keys"))).toEqual(["ledger.jwks.json"]);
  });

  it("two processes creating the demo set at once end with one set", async () => {
    const a = keySet("credential");
    resetKeysForTests(); // the second caller does not share the first one's promise
    const b = keySet("credential");
    const [x, y] = await Promise.all([a, b]);
    expect(x.keys[0]!.kid).toBe(y.keys[0]!.kid);
    expect(x.keys[0]!.n).toBe(y.keys[0]!.n);
    expect(fs.readdirSync(path.join(dataDir, "keys"))).toEqual(["credential.jwks.json"]);
  });

  it("uses the environment's set when it is given, and writes no demo file", async () => {
    const jwk = await privateJwk("EdDSA", "env-ledger-1");
    useEnvSet("LEDGER_SIGNING_JWKS", { keys: [jwk] });
    expect((await signingKey("ledger")).kid).toBe("env-ledger-1");
    expect((await publicKeys("ledger")).map((k) => k.kid)).toEqual(["env-ledger-1"]);
    expect(fs.existsSync(path.join(dataDir, "keys"))).toBe(false);
  });

  it("signs with the first private key and keeps publishing retired keys (rotation)", async () => {
    const retired = publicJwk(await privateJwk("EdDSA", "ledger-2025"));
    const current = await privateJwk("EdDSA", "ledger-2026");
    useEnvSet("LEDGER_SIGNING_JWKS", { keys: [retired, current] });
    expect((await signingKey("ledger")).kid).toBe("ledger-2026");
    expect((await publicKeys("ledger")).map((k) => k.kid)).toEqual(["ledger-2025", "ledger-2026"]);
  });

  it.each([
    ["not JSON", "LEDGER_SIGNING_JWKS", "{nope", /LEDGER_SIGNING_JWKS is not JSON/],
    ["an empty set", "LEDGER_SIGNING_JWKS", { keys: [] }, /must be a JWK set/],
    ["a key without a kid", "LEDGER_SIGNING_JWKS", "no-kid", /whose keys all have a "kid"/],
    ["no private key", "LEDGER_SIGNING_JWKS", "public-only", /has no private key to sign with/],
    ["an RSA key for the ledger", "LEDGER_SIGNING_JWKS", "rsa", /key k1 is not an EdDSA key/],
    [
      "an Ed25519 key for credentials",
      "CREDENTIAL_SIGNING_JWKS",
      "ed",
      /key k1 is not an RS256 key/,
    ],
  ] as const)("refuses %s with a clear message", async (_, name, value, message) => {
    const ed = await privateJwk("EdDSA", "k1");
    const set =
      value === "no-kid"
        ? { keys: [{ ...ed, kid: undefined }] }
        : value === "public-only"
          ? { keys: [publicJwk(ed)] }
          : value === "rsa"
            ? { keys: [await privateJwk("RS256", "k1")] }
            : value === "ed"
              ? { keys: [ed] }
              : value;
    useEnvSet(name, set);
    const purpose = name === "LEDGER_SIGNING_JWKS" ? "ledger" : "credential";
    await expect(signingKey(purpose)).rejects.toThrow(message);
    // A refused set is not cached: fixing the environment is enough.
    useEnvSet(name, { keys: [await privateJwk(purpose === "ledger" ? "EdDSA" : "RS256", "ok")] });
    expect((await signingKey(purpose)).kid).toBe("ok");
  });

  it("publicKeys never leaks a private member, for either purpose", async () => {
    const ledger = [await privateJwk("EdDSA", "l1"), await privateJwk("EdDSA", "l2")];
    const credential = [await privateJwk("RS256", "c1"), await privateJwk("RS256", "c2")];
    useEnvSet("LEDGER_SIGNING_JWKS", { keys: ledger });
    useEnvSet("CREDENTIAL_SIGNING_JWKS", { keys: credential });
    for (const [purpose, source] of [
      ["ledger", ledger],
      ["credential", credential],
    ] as const) {
      const published = await publicKeys(purpose);
      expect(published).toHaveLength(2);
      for (const k of published) for (const m of PRIVATE) expect(k).not.toHaveProperty(m);
      const text = JSON.stringify(published);
      for (const k of source) expect(text).not.toContain(k.d!);
      // The private set itself is untouched: signing still works.
      expect((await signingKey(purpose)).kid).toBe(source[0]!.kid);
    }
  });

  it("production refuses to start without both key sets", () => {
    process.env.APP_MODE = "production";
    process.env.AUTH_SECRET = "x".repeat(40);
    process.env.DATABASE_URL = "postgres://u@127.0.0.1/db";
    process.env.SMTP_URL = "smtp://127.0.0.1:25";
    resetEnvCache();
    expect(() => getEnv()).toThrow(/LEDGER_SIGNING_JWKS, CREDENTIAL_SIGNING_JWKS/);
  });
});
