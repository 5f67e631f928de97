import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/api/canonical-json";
import type { LedgerEntryRow } from "@/db/schema";

/**
 * Ledger hash, version 1 (PRODUCT.md §7, restated with test vectors in docs/LEDGER.md). An
 * entry's hashed object is every column of the fixed shape except `hash`, all present (absent
 * values as null), with `hashVersion`, the account id, `seq`, `prevHash` and `createdAt` as an
 * RFC 3339 UTC string with milliseconds; the hash is SHA-256 (lowercase hex) of the UTF-8 bytes
 * of its RFC 8785 canonical JSON, strings in NFC. Pure: the verifier and the writer share it.
 */
export const HASH_VERSION = 1;
export const GENESIS_HASH = "0".repeat(64);

/** The hashed fields of an entry, as the database row holds them. */
export type HashedEntry = Omit<LedgerEntryRow, "hash">;

export function hashedObject(e: HashedEntry): Record<string, unknown> {
  return {
    hashVersion: e.hashVersion,
    id: e.id,
    account: e.accountId,
    seq: e.seq,
    prevHash: e.prevHash,
    createdAt: e.createdAt.toISOString(),
    kind: e.kind,
    creditsX100: e.creditsX100,
    level: e.level,
    fieldCode: e.fieldCode,
    sourceInstitution: e.sourceInstitutionId,
    actingInstitution: e.actingInstitutionId,
    resource: e.resourceId,
    resourceVersion: e.resourceVersionId,
    enrolment: e.enrolmentId,
    completion: e.completionId,
    scoreX100: e.scoreX100,
    completedOn: e.completedOn,
    titleZh: e.titleZh,
    titleEn: e.titleEn,
    targetInstitution: e.targetInstitutionId,
    targetCourseCode: e.targetCourseCode,
    creditCategory: e.creditCategory,
    ruleId: e.ruleId,
    ruleVersion: e.ruleVersion,
    reverses: e.reversesEntryId,
  };
}

export const sha256Hex = (data: string | Uint8Array): string =>
  createHash("sha256").update(data).digest("hex");

export function entryHash(e: HashedEntry): string {
  if (e.hashVersion !== HASH_VERSION)
    throw new Error(`Unknown ledger hash version ${e.hashVersion}`);
  return sha256Hex(canonicalJson(hashedObject(e)));
}
