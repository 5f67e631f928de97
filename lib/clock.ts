/**
 * The application's clock: THE source of every time the code compares (token and invitation
 * expiry, throttles, rate limits, idempotency leases, enrolment windows), stores as an event time,
 * or hashes. Pass its value to SQL as a parameter; SQL's `now()` is only for column defaults
 * (it is the transaction's start on the database's clock, which tests cannot move). Tests move
 * this one with vi.useFakeTimers / vi.setSystemTime. pg-boss keeps its own time for its jobs.
 */
export function now(): Date {
  return new Date();
}

export function addSeconds(d: Date, seconds: number): Date {
  return new Date(d.getTime() + seconds * 1000);
}
