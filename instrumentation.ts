// Runs once when the server starts: a production server with a missing secret stops here,
// at start-up, instead of failing on its first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getEnv } = await import("./lib/env");
    getEnv();
  }
}
