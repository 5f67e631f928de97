import { sql } from "drizzle-orm";
import { selectRows, type DbOrTx } from "@/db";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";

/**
 * Capacity places a resource has given out: fulfilled lines, and pending lines whose order still
 * holds its places (PRODUCT.md §6). Call it holding the resource's capacity lock. A seat pack
 * takes its N places when bought, so accepting a seat never needs another.
 */
export async function placesInUse(
  tx: DbOrTx,
  resourceId: string,
  at: Date,
  excludeLineId?: string,
): Promise<number> {
  const [row] = await selectRows<{ used: SqlInteger }>(
    tx,
    sql`select coalesce(sum(l.places), 0) as used
        from order_lines l join orders o on o.id = l.order_id
        where l.resource_id = ${resourceId}
          and (${excludeLineId ?? null}::uuid is null or l.id <> ${excludeLineId ?? null}::uuid)
          and (l.state = 'fulfilled'
               or (l.state = 'pending' and o.status = 'pending' and o.hold_expires_at > ${at.toISOString()}::timestamptz))`,
  );
  return toSafeInteger(row?.used ?? 0, "places");
}
