import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquirePgliteLock } from "./pglite-lock";

let root: string;
let dataDir: string;
let lockPath: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-lock-"));
  dataDir = path.join(root, "pglite");
  lockPath = `${dataDir}.lock`;
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  expect(child.status).toBe(0);
  expect(child.pid).toBeGreaterThan(0);
  return child.pid;
}

describe("acquirePgliteLock", () => {
  it("writes our pid beside the directory and removes it on release", () => {
    const release = acquirePgliteLock(dataDir);
    expect(fs.readFileSync(lockPath, "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it("refuses a directory held by another live process, naming it and the pid", () => {
    fs.writeFileSync(lockPath, String(process.ppid));
    let error: unknown;
    try {
      acquirePgliteLock(dataDir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(dataDir);
    expect((error as Error).message).toContain(`process ${process.ppid}`);
    // The other process keeps its lock.
    expect(fs.readFileSync(lockPath, "utf8")).toBe(String(process.ppid));
  });

  it("takes over a lock left by a process that is gone", () => {
    const pid = deadPid();
    fs.writeFileSync(lockPath, String(pid));
    const release = acquirePgliteLock(dataDir);
    expect(fs.readFileSync(lockPath, "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it("takes over a lock file that holds no pid", () => {
    fs.writeFileSync(lockPath, "garbage");
    const release = acquirePgliteLock(dataDir);
    expect(fs.readFileSync(lockPath, "utf8")).toBe(String(process.pid));
    release();
  });

  it("does not delete a lock that another process has taken since", () => {
    const release = acquirePgliteLock(dataDir);
    fs.writeFileSync(lockPath, String(process.ppid));
    release();
    expect(fs.readFileSync(lockPath, "utf8")).toBe(String(process.ppid));
  });
});
