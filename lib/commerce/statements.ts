import { TZDate } from "@date-fns/tz";
import { and, eq, inArray } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { getDb, selectRows, type DbOrTx } from "@/db";
import { institutions, settlements } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { canOnPlatform } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { forbidden } from "@/lib/errors";
import { getInstitutionForStaff } from "@/lib/institutions/staff";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";
import { monthPeriodOf, readAllianceTimeZone, type Period } from "@/lib/time";
import { parseInput } from "@/lib/validation";
import { statementQuerySchema, totalsQuerySchema } from "./finance-schemas";

/**
 * One seller's figures for one month and currency (docs/DECISIONS.md, "Statements"):
 * - sales, fees, shares: lines fulfilled in the month (by `fulfilled_at`);
 * - refunds (amount, fee part, share part): refunds of fulfilled lines that succeeded in the month
 *   (by `completed_at`), whatever month the sale was;
 * - net payout = shares − refunded shares, split by how the seller is paid for that order:
 *   `connect` (a transfer to its connected account, refunds reversing it) or `bank` (its
 *   transfer row says "statement": the alliance pays it by bank against this statement);
 * - settled: what alliance finance recorded paying for the month; outstanding = bank − settled.
 */
export type StatementRow = {
  institutionId: string;
  nameZh: string;
  nameEn: string;
  currency: string;
  salesMinor: number;
  feesMinor: number;
  sharesMinor: number;
  refundsMinor: number;
  refundFeesMinor: number;
  refundSharesMinor: number;
  netPayoutMinor: number;
  connectMinor: number;
  bankMinor: number;
  settledMinor: number;
  settlementReference: string | null;
  outstandingMinor: number;
};

export type StatementPeriod = Period & { label: string; year: number; month: number };

/** "YYYY-MM" as a half-open month of the alliance's zone; none given: the month of `at`. */
export function statementPeriod(label: string | undefined, timeZone: string, at: Date) {
  const inMonth = label
    ? new Date(new TZDate(Number(label.slice(0, 4)), Number(label.slice(5, 7)) - 1, 15, timeZone))
    : at;
  const p = monthPeriodOf(inMonth, timeZone);
  return { ...p, label: `${p.year}-${String(p.month).padStart(2, "0")}` };
}

type Sums = {
  inst: string;
  currency: string;
  sales: SqlInteger;
  fees: SqlInteger;
  shares: SqlInteger;
  r_amount: SqlInteger;
  r_fee: SqlInteger;
  r_share: SqlInteger;
  bank: SqlInteger;
};

/** Every figure of the month, per (seller, currency); one seller or all of them. */
export async function statementRows(
  tx: DbOrTx,
  period: StatementPeriod,
  institutionId: string | null,
): Promise<StatementRow[]> {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const inst = institutionId;
  const sums = await selectRows<Sums>(
    tx,
    sql`with moves as (
        select l.seller_institution_id as inst, o.currency,
               l.amount_minor as sales, l.fee_minor as fees, l.share_minor as shares,
               0::bigint as r_amount, 0::bigint as r_fee, 0::bigint as r_share,
               coalesce(t.status = 'statement', false) as by_bank
        from order_lines l
        join orders o on o.id = l.order_id
        left join seller_transfers t
          on t.order_id = l.order_id and t.seller_institution_id = l.seller_institution_id
        where l.fulfilled_at >= ${start}::timestamptz and l.fulfilled_at < ${end}::timestamptz
          and (${inst}::uuid is null or l.seller_institution_id = ${inst}::uuid)
        union all
        select l.seller_institution_id, o.currency, 0, 0, 0,
               r.amount_minor, r.fee_minor, r.share_minor,
               coalesce(t.status = 'statement', false)
        from refunds r
        join order_lines l on l.id = r.line_id
        join orders o on o.id = r.order_id
        left join seller_transfers t
          on t.order_id = l.order_id and t.seller_institution_id = l.seller_institution_id
        where r.status = 'succeeded' and l.fulfilled_at is not null
          and r.completed_at >= ${start}::timestamptz and r.completed_at < ${end}::timestamptz
          and (${inst}::uuid is null or l.seller_institution_id = ${inst}::uuid)
      )
      select inst, currency,
             sum(sales)::bigint as sales, sum(fees)::bigint as fees, sum(shares)::bigint as shares,
             sum(r_amount)::bigint as r_amount, sum(r_fee)::bigint as r_fee,
             sum(r_share)::bigint as r_share,
             sum(case when by_bank then shares - r_share else 0 end)::bigint as bank
      from moves group by inst, currency`,
  );
  const settled = await tx
    .select()
    .from(settlements)
    .where(
      and(
        eq(settlements.period, period.label),
        inst ? eq(settlements.institutionId, inst) : undefined,
      ),
    );
  const ids = [...new Set([...sums.map((s) => s.inst), ...settled.map((s) => s.institutionId)])];
  const names = ids.length
    ? await tx
        .select({ id: institutions.id, nameZh: institutions.nameZh, nameEn: institutions.nameEn })
        .from(institutions)
        .where(inArray(institutions.id, ids))
    : [];
  const byId = new Map(names.map((n) => [n.id, n]));
  const keys = new Map<string, { inst: string; currency: string }>();
  for (const s of sums) keys.set(`${s.inst}:${s.currency}`, { inst: s.inst, currency: s.currency });
  for (const s of settled) {
    keys.set(`${s.institutionId}:${s.currency}`, { inst: s.institutionId, currency: s.currency });
  }
  const rows = [...keys.values()].map(({ inst: id, currency }) => {
    const s = sums.find((x) => x.inst === id && x.currency === currency);
    const n = (v: SqlInteger | undefined) => toSafeInteger(v ?? 0, "statement figure");
    const shares = n(s?.shares);
    const refundShares = n(s?.r_share);
    const bank = n(s?.bank);
    const settlement = settled.find((x) => x.institutionId === id && x.currency === currency);
    const settledMinor = settlement?.amountMinor ?? 0;
    return {
      institutionId: id,
      nameZh: byId.get(id)?.nameZh ?? "",
      nameEn: byId.get(id)?.nameEn ?? "",
      currency,
      salesMinor: n(s?.sales),
      feesMinor: n(s?.fees),
      sharesMinor: shares,
      refundsMinor: n(s?.r_amount),
      refundFeesMinor: n(s?.r_fee),
      refundSharesMinor: refundShares,
      netPayoutMinor: shares - refundShares,
      connectMinor: shares - refundShares - bank,
      bankMinor: bank,
      settledMinor,
      settlementReference: settlement?.reference ?? null,
      outstandingMinor: bank - settledMinor,
    };
  });
  return rows.sort(
    (a, b) => a.nameEn.localeCompare(b.nameEn) || a.currency.localeCompare(b.currency),
  );
}

/** The zone, the period and the rows read in one snapshot. */
async function readStatement(label: string | undefined, institutionId: string | null) {
  const db = await getDb();
  return db.transaction(
    async (tx) => {
      const timeZone = await readAllianceTimeZone(tx);
      const period = statementPeriod(label, timeZone, now());
      return { period, timeZone, rows: await statementRows(tx, period, institutionId) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** An institution's statement for a month, for its finance staff (`payouts:view`). */
export async function getInstitutionStatement(viewer: Viewer, input: unknown) {
  const data = parseInput(statementQuerySchema, input);
  const db = await getDb();
  const inst = await getInstitutionForStaff(db, viewer, data.institutionSlug, "payouts:view");
  return { institution: inst, ...(await readStatement(data.period, inst.id)) };
}

/** The alliance's totals by member for a month (`totals:view`). */
export async function getAllianceStatements(viewer: Viewer, input: unknown) {
  if (!canOnPlatform(viewer, "totals:view")) throw forbidden();
  const data = parseInput(totalsQuerySchema, input);
  return readStatement(data.period, null);
}
