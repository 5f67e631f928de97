import { getDb } from "@/db";
import { createResource } from "@/lib/catalogue/create-resource";
import { UNKNOWN_FIELD_CODE } from "@/lib/standard/defaults";
import type { Actor } from "@/lib/auth/actor";
import { seedDemo } from "@/db/seed";
import { seedDemoCatalogue } from "@/db/seed-catalogue";
import { sjtuRows, ustcRows } from "@/db/shared-data";

const operator: Actor = { type: "operator", name: "test" };
export const SJTU_SAMPLE = 1500;

/**
 * The corpus the engine contract suite searches: the demo alliance and catalogue, all of USTC's
 * bilingual list and the first SJTU courses — real names, read from ../shared/data.
 */
export async function loadSearchCorpus(): Promise<void> {
  const db = await getDb();
  await seedDemo(db);
  await seedDemoCatalogue(db);
  const batches: [string, { row: Record<string, unknown> }[]][] = [
    ["ustc", ustcRows()],
    ["sjtu", sjtuRows().slice(0, SJTU_SAMPLE)],
  ];
  for (const [slug, rows] of batches) {
    for (let i = 0; i < rows.length; i += 500) {
      await db.transaction(async (tx) => {
        for (const { row } of rows.slice(i, i + 500)) {
          const input = { ...row, fieldCode: row.fieldCode ?? UNKNOWN_FIELD_CODE };
          await createResource(operator, slug, input, { publish: true, tx });
        }
      });
    }
  }
}
