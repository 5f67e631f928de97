import fs from "node:fs";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite takes no lock of its own and a second process on the same directory silently
 * diverges, so we hold a pid file beside it. A lock whose process is gone is taken over.
 */
export function acquirePgliteLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // Write the pid aside, then link it into place: the lock never exists without its pid.
      const pending = `${lockPath}.${process.pid}`;
      fs.writeFileSync(pending, String(process.pid));
      try {
        fs.linkSync(pending, lockPath);
      } finally {
        fs.rmSync(pending, { force: true });
      }
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (owner === process.pid) return () => {};
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new Error(
          `The embedded database at ${dataDir} is in use by process ${owner} ` +
            `(the demo server, or another command). Stop that process first, ` +
            `or set DATABASE_URL to use PostgreSQL, which many processes can share.`,
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale: its process was killed
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}
