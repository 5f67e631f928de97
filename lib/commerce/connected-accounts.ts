import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { paymentAccounts } from "@/db/schema";

/** Sellers' Stripe Connect accounts that can take charges, by institution id. */
export async function connectedAccounts(institutionIds: string[]): Promise<Map<string, string>> {
  if (institutionIds.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ id: paymentAccounts.institutionId, account: paymentAccounts.stripeAccountId })
    .from(paymentAccounts)
    .where(
      and(
        inArray(paymentAccounts.institutionId, [...new Set(institutionIds)]),
        eq(paymentAccounts.chargesEnabled, true),
      ),
    );
  return new Map(rows.map((r) => [r.id, r.account]));
}
