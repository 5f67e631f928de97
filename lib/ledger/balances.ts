import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { credentials, ledgerEntries } from "@/db/schema";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";
import { loadLedgerLabels, type InstitutionRef } from "./labels";

/** Credits of one group: what is banked, and how much of that is frozen by a dispute. */
export type BankedAmount = { creditsX100: number; frozenX100: number };

export type LedgerBalances = {
  /** Deposits + their reversals + expiries (PRODUCT.md §7); recognitions never count here. */
  banked: BankedAmount;
  byLevel: (BankedAmount & { level: number | null; labelZh: string; labelEn: string })[];
  byField: (BankedAmount & { fieldCode: string | null; nameZh: string; nameEn: string })[];
  bySource: (BankedAmount & { institution: InstitutionRef | null })[];
  /** Per target institution: the credits it recognised (net of reversals) and how many deposits. */
  recognitions: { institution: InstitutionRef | null; creditsX100: number; count: number }[];
};

const reversed = alias(ledgerEntries, "reversed");

/**
 * An account's balances, summed by the database. A reversal or expiry belongs where the entry it
 * cancels belongs: the reversal of a deposit lowers the banked credits of the deposit's level,
 * field and source; the reversal of a recognition lowers that target's recognitions, never the
 * banked total. A deposit is frozen while its credential is suspended (an open dispute), and so
 * are the entries that cancel part of it.
 */
export async function computeBalances(db: DbOrTx, accountId: string): Promise<LedgerBalances> {
  const e = ledgerEntries;
  // The deposit or recognition an entry is about: itself, or the entry it cancels.
  const basisKind = sql<string>`coalesce(${reversed.kind}, ${e.kind})`;
  const level = sql<number | null>`coalesce(${reversed.level}, ${e.level})`;
  const fieldCode = sql<string | null>`coalesce(${reversed.fieldCode}, ${e.fieldCode})`;
  const source = sql<
    string | null
  >`coalesce(${reversed.sourceInstitutionId}, ${e.sourceInstitutionId})`;
  const target = sql<
    string | null
  >`coalesce(${reversed.targetInstitutionId}, ${e.targetInstitutionId})`;
  const frozen = sql<boolean>`(${credentials.id} is not null)`;
  const rows = await db
    .select({
      basisKind,
      level,
      fieldCode,
      source,
      target,
      frozen,
      credits: sql<SqlInteger>`sum(${e.creditsX100})`,
      recognised: sql<SqlInteger>`count(*) filter (where ${e.kind} = 'recognition')`,
      withdrawn: sql<SqlInteger>`count(*) filter (where ${e.kind} = 'reversal')`,
    })
    .from(e)
    .leftJoin(reversed, eq(reversed.id, e.reversesEntryId))
    .leftJoin(
      credentials,
      and(
        eq(credentials.entryId, sql`coalesce(${e.reversesEntryId}, ${e.id})`),
        eq(credentials.status, "suspended"),
      ),
    )
    .where(eq(e.accountId, accountId))
    .groupBy(basisKind, level, fieldCode, source, target, frozen);

  const groups = rows.map((r) => ({
    isRecognition: r.basisKind === "recognition",
    level: r.level === null ? null : toSafeInteger(r.level, "level"),
    fieldCode: r.fieldCode,
    source: r.source,
    target: r.target,
    frozen: r.frozen === true,
    credits: toSafeInteger(r.credits, "credits"),
    recognised: toSafeInteger(r.recognised, "count") - toSafeInteger(r.withdrawn, "count"),
  }));
  const labels = await loadLedgerLabels(db, {
    institutions: groups.flatMap((g) => [g.source, g.target]),
    fields: groups.map((g) => g.fieldCode),
  });

  const banked: BankedAmount = { creditsX100: 0, frozenX100: 0 };
  const byLevel = new Map<number | null, BankedAmount>();
  const byField = new Map<string | null, BankedAmount>();
  const bySource = new Map<string | null, BankedAmount>();
  const byTarget = new Map<string | null, { creditsX100: number; count: number }>();
  const add = <K>(map: Map<K, BankedAmount>, key: K, credits: number, frozen: boolean) => {
    const a = map.get(key) ?? { creditsX100: 0, frozenX100: 0 };
    a.creditsX100 += credits;
    if (frozen) a.frozenX100 += credits;
    map.set(key, a);
  };
  for (const g of groups) {
    if (g.isRecognition) {
      const t = byTarget.get(g.target) ?? { creditsX100: 0, count: 0 };
      t.creditsX100 += g.credits;
      t.count += g.recognised;
      byTarget.set(g.target, t);
      continue;
    }
    banked.creditsX100 += g.credits;
    if (g.frozen) banked.frozenX100 += g.credits;
    add(byLevel, g.level, g.credits, g.frozen);
    add(byField, g.fieldCode, g.credits, g.frozen);
    add(bySource, g.source, g.credits, g.frozen);
  }
  // A group whose deposits were all reversed or expired holds nothing worth a line.
  const held = <K, V extends { creditsX100: number }>(map: Map<K, V>) =>
    [...map].filter(([, a]) => a.creditsX100 !== 0);
  return {
    banked,
    byLevel: held(byLevel)
      .sort(([a], [b]) => (a ?? 99) - (b ?? 99))
      .map(([lv, a]) => {
        const l = labels.level(lv);
        return { level: lv, labelZh: l?.labelZh ?? "", labelEn: l?.labelEn ?? "", ...a };
      }),
    byField: held(byField)
      .sort(([a], [b]) => (a ?? "~").localeCompare(b ?? "~"))
      .map(([code, a]) => {
        const f = labels.field(code);
        return { fieldCode: code, nameZh: f?.nameZh ?? "", nameEn: f?.nameEn ?? "", ...a };
      }),
    bySource: held(bySource)
      .map(([id, a]) => ({ institution: labels.institution(id), ...a }))
      .sort((a, b) => b.creditsX100 - a.creditsX100),
    recognitions: [...byTarget]
      .filter(([, t]) => t.count > 0 || t.creditsX100 !== 0)
      .map(([id, t]) => ({ institution: labels.institution(id), ...t }))
      .sort((a, b) => b.creditsX100 - a.creditsX100),
  };
}
