/** The application's clock; tests move it with vi.setSystemTime. */
export function now(): Date {
  return new Date();
}

export function addSeconds(d: Date, seconds: number): Date {
  return new Date(d.getTime() + seconds * 1000);
}
