import type { Locale } from "./routing";

// One file per feature, so features add strings without touching each other's files.
export const messageFiles = [
  "core",
  "catalogue",
  "publishing",
  "api",
  "jobs",
  "commerce",
  "licences",
  "finance",
  "payments",
  "credentials",
  "ledger",
  "ratings",
  "completions",
  "ledger-admin",
] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const parts = await Promise.all(
    messageFiles.map(
      async (f) =>
        (await import(`../messages/${locale}/${f}.json`)).default as Record<string, unknown>,
    ),
  );
  return Object.assign({}, ...parts);
}
