import { hashedObject, HASH_VERSION } from "./hash";
import type { LedgerBalances } from "./balances";
import type { LedgerEntryView } from "./entries";
import type { MyTranscript } from "./queries";

export const TRANSCRIPT_FORMAT = "cbx-transcript";
export const TRANSCRIPT_VERSION = 1;

/**
 * The transcript's JSON export, version 1 (docs/TRANSCRIPT.md describes each field):
 * - `entries` are the whole account chain in order (seq 1, 2, …); each `prevHash` is the previous
 *   entry's `hash`, the first one's 64 zeros;
 * - `hashed` is exactly the object ledger hash v1 hashes (docs/LEDGER.md), so anyone can check
 *   `hash` = SHA-256 of its RFC 8785 canonical JSON, and the chain, without asking us;
 * - the other entry fields are for reading (names and labels at export time; a reversal shows the
 *   title, level, field and source of the entry it cancels); `balances` are PRODUCT.md §7's.
 * No personal data beyond the account number: the entries hold none.
 */
export type TranscriptJson = {
  format: typeof TRANSCRIPT_FORMAT;
  version: typeof TRANSCRIPT_VERSION;
  hashVersion: number;
  accountNumber: string;
  generatedAt: string;
  balances: LedgerBalances;
  entries: (LedgerEntryView & { hashed: Record<string, unknown> })[];
};

export function transcriptJson(t: MyTranscript): TranscriptJson {
  return {
    format: TRANSCRIPT_FORMAT,
    version: TRANSCRIPT_VERSION,
    hashVersion: HASH_VERSION,
    accountNumber: t.account.number,
    generatedAt: t.generatedAt,
    balances: t.balances,
    entries: t.entries.map(({ view, row }) => ({ ...view, hashed: hashedObject(row) })),
  };
}
