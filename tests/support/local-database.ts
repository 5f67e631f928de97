/** Tests wipe their database: refuse anything that is not on this machine (STYLE.md rule 14). */
export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]", ""].includes(host)) {
    throw new Error(`Refusing to use a non-local test database (${host})`);
  }
}
