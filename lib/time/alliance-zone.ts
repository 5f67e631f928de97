import { cache } from "react";
import { eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { creditStandard } from "@/db/schema";

/** Whether `timeZone` is an IANA zone this runtime knows ("Asia/Shanghai", "Europe/Berlin"). */
export function isValidTimeZone(timeZone: string): boolean {
  // Building an Intl formatter costs ~0.2 ms; the answer for a name never changes.
  let known = zoneChecks.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone });
      known = true;
    } catch {
      known = false;
    }
    if (zoneChecks.size < 1000) zoneChecks.set(timeZone, known);
  }
  return known;
}
const zoneChecks = new Map<string, boolean>();

/**
 * The alliance's time zone from the credit standard, read with `db` — pass the transaction when
 * inside one (PGlite has a single connection: a read outside a running transaction would wait
 * for it forever), e.g. to cut a statement period in the same snapshot as its rows.
 */
export async function readAllianceTimeZone(db: DbOrTx): Promise<string> {
  const [row] = await db
    .select({ timeZone: creditStandard.timeZone })
    .from(creditStandard)
    .where(eq(creditStandard.id, 1));
  if (!row) throw new Error("The credit standard row is missing: run the migrations");
  if (!isValidTimeZone(row.timeZone)) {
    throw new Error(`The credit standard's time zone is not an IANA zone: ${row.timeZone}`);
  }
  return row.timeZone;
}

/**
 * The alliance's time zone (PRODUCT.md §3) for dates shown, statement periods and academic years,
 * read at request time: React's `cache` reads it once per server render (elsewhere each call
 * reads afresh), so a change by the office shows at once. Never during the build: the database
 * refuses to open there (db/index.ts) and the pages that show dates are rendered per request.
 */
export const getAllianceTimeZone = cache(async (): Promise<string> =>
  readAllianceTimeZone(await getDb()),
);
