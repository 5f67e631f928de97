// npm run worker – run the background jobs (search sync, mail, scheduled purges) when the app
// runs with OUTBOX_MODE=worker, e.g. several app instances on PostgreSQL. Survives a lost
// database connection (pg-boss and postgres.js reconnect; errors are logged) and stops cleanly on
// SIGTERM/SIGINT: it takes no new jobs and lets the running ones finish.
import { closeDb } from "@/db";
import { getEnv } from "@/lib/env";
import { jobHandlers } from "@/lib/jobs/handlers";
import { startWorkers } from "@/lib/jobs/workers";

if (!getEnv().DATABASE_URL) {
  console.error(
    "npm run worker needs DATABASE_URL (PostgreSQL): the embedded database is one process per " +
      "directory, so with PGlite the app works its jobs itself (OUTBOX_MODE=inline).",
  );
  process.exit(1);
}

const stopWorkers = await startWorkers(jobHandlers);
console.log("worker: running background jobs (Ctrl-C to stop)");
let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`worker: ${signal}, finishing running jobs`);
  await stopWorkers().catch((e: unknown) => console.error(e));
  await closeDb();
  process.exit(0);
}
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void stop(signal));
// A lost connection surfaces as pool errors: log them and go on (pg-boss keeps polling).
process.on("unhandledRejection", (e) => console.error("worker:", e));
