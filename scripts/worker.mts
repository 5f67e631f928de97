// npm run worker – process background work (the outbox) when the app runs with
// OUTBOX_MODE=worker, e.g. several app instances on PostgreSQL. Stops cleanly on SIGTERM/SIGINT.
import { closeDb } from "@/db";
import { processOutbox } from "@/lib/outbox";

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => (stopping = true));
console.log("worker: processing the outbox (Ctrl-C to stop)");
try {
  while (!stopping) {
    const n = await processOutbox();
    if (n > 0) console.log(`worker: ${n} done`);
    await new Promise((r) => setTimeout(r, n > 0 ? 50 : 1000));
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDb();
}
