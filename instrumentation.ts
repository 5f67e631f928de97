// Runs once when the server starts: a production server with a missing secret stops here,
// at start-up, instead of failing on its first request. With OUTBOX_MODE=inline (the default)
// this process also runs the background jobs.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/env");
  const env = getEnv();
  if (env.APP_MODE === "production" && process.env.NEXT_PHASE !== "phase-production-build") {
    // A malformed key set (no private key, wrong type) stops the server now, not on the first
    // credential or checkpoint.
    const { keySet } = await import("./lib/keys");
    await Promise.all([keySet("ledger"), keySet("credential")]);
  }
  // `next build` loads this too, and must never open the database.
  if (process.env.NEXT_PHASE === "phase-production-build" || env.OUTBOX_MODE !== "inline") return;
  const { startWorkers } = await import("./lib/jobs/workers");
  const { jobHandlers } = await import("./lib/jobs/handlers");
  startWorkers(jobHandlers).catch((e: unknown) => console.error("jobs: workers not started:", e));
}
