import { asc, count, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { credentials, ledgerEntries, type LedgerEntryRow, type LedgerKind } from "@/db/schema";
import { toSafeInteger } from "@/lib/money/safe-integer";
import { loadLedgerLabels, type InstitutionRef } from "./labels";

/**
 * One entry as its owner reads it. What a reversal or expiry does not repeat (title, level,
 * field, source) is shown from the entry it cancels; `hash` and `prevHash` are the chain's own.
 */
export type LedgerEntryView = {
  id: string;
  seq: number;
  kind: LedgerKind;
  creditsX100: number;
  level: number | null;
  levelLabelZh: string | null;
  levelLabelEn: string | null;
  fieldCode: string | null;
  fieldNameZh: string | null;
  fieldNameEn: string | null;
  titleZh: string | null;
  titleEn: string | null;
  source: InstitutionRef | null;
  target: InstitutionRef | null;
  targetCourseCode: string | null;
  /** The completion date (YYYY-MM-DD) of a deposit, or of the deposit a later entry is about. */
  completedOn: string | null;
  recordedAt: string;
  /** The seq of the entry this one reverses or expires (same account). */
  reversesSeq: number | null;
  /** A deposit whose credential is suspended while a dispute is open. */
  frozen: boolean;
  credentialId: string | null;
  prevHash: string;
  hash: string;
};

export type EntryWithRow = { view: LedgerEntryView; row: LedgerEntryRow };

const reversed = alias(ledgerEntries, "reversed");

/** The entries of an account in chain order (or newest first), with the raw rows kept. */
export async function listEntries(
  db: DbOrTx,
  accountId: string,
  opts: { order?: "asc" | "desc"; limit?: number; offset?: number } = {},
): Promise<EntryWithRow[]> {
  const e = ledgerEntries;
  let query = db
    .select({
      entry: e,
      reversed: {
        seq: reversed.seq,
        level: reversed.level,
        fieldCode: reversed.fieldCode,
        titleZh: reversed.titleZh,
        titleEn: reversed.titleEn,
        sourceInstitutionId: reversed.sourceInstitutionId,
        targetInstitutionId: reversed.targetInstitutionId,
        completedOn: reversed.completedOn,
      },
      credentialId: credentials.id,
      credentialStatus: credentials.status,
    })
    .from(e)
    .leftJoin(reversed, eq(reversed.id, e.reversesEntryId))
    .leftJoin(credentials, eq(credentials.entryId, e.id))
    .where(eq(e.accountId, accountId))
    .orderBy(opts.order === "desc" ? desc(e.seq) : asc(e.seq))
    .$dynamic();
  if (opts.limit !== undefined) query = query.limit(opts.limit);
  if (opts.offset) query = query.offset(opts.offset);
  const rows = await query;

  const pick = <T>(own: T | null, of: T | null | undefined): T | null => own ?? of ?? null;
  const merged = rows.map((r) => {
    const x = r.entry;
    const rev = r.reversed;
    return {
      row: x,
      level: pick(x.level, rev?.level),
      fieldCode: pick(x.fieldCode, rev?.fieldCode),
      source: pick(x.sourceInstitutionId, rev?.sourceInstitutionId),
      target: pick(x.targetInstitutionId, rev?.targetInstitutionId),
      r,
    };
  });
  const labels = await loadLedgerLabels(db, {
    institutions: merged.flatMap((m) => [m.source, m.target]),
    fields: merged.map((m) => m.fieldCode),
  });
  return merged.map(({ row, level, fieldCode, source, target, r }) => {
    const lv = labels.level(level);
    const f = labels.field(fieldCode);
    return {
      row,
      view: {
        id: row.id,
        seq: row.seq,
        kind: row.kind,
        creditsX100: row.creditsX100,
        level,
        levelLabelZh: lv?.labelZh ?? null,
        levelLabelEn: lv?.labelEn ?? null,
        fieldCode,
        fieldNameZh: f?.nameZh ?? null,
        fieldNameEn: f?.nameEn ?? null,
        titleZh: pick(row.titleZh, r.reversed?.titleZh),
        titleEn: pick(row.titleEn, r.reversed?.titleEn),
        source: labels.institution(source),
        target: labels.institution(target),
        targetCourseCode: row.targetCourseCode,
        completedOn: pick(row.completedOn, r.reversed?.completedOn),
        recordedAt: row.createdAt.toISOString(),
        reversesSeq: r.reversed?.seq ?? null,
        frozen: row.kind === "deposit" && r.credentialStatus === "suspended",
        credentialId: r.credentialId,
        prevHash: row.prevHash,
        hash: row.hash,
      },
    };
  });
}

export async function countEntries(db: DbOrTx, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.accountId, accountId));
  return toSafeInteger(row?.n ?? 0, "entry count");
}
