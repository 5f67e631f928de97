import { eq, inArray } from "drizzle-orm";
import { getDb, type Db } from "./index";
import * as s from "./schema";
import { createResource } from "@/lib/catalogue/create-resource";
import { importResources } from "@/lib/catalogue/import";
import { refreshSearchRow } from "@/lib/search/documents";
import type { Actor } from "@/lib/auth/actor";
import { demoCatalogue } from "./demo-catalogue";
import { sjtuRows, ustcRows } from "./shared-data";

const operator: Actor = { type: "operator", name: "db:seed" };

/** The hand-written demo catalogue, published (idempotent: existing slugs are left alone). */
export async function seedDemoCatalogue(db: Db): Promise<number> {
  const slugs = demoCatalogue.map((d) => d.input.slug).filter((x): x is string => !!x);
  const existing = new Set(
    (
      await db
        .select({ slug: s.resources.slug })
        .from(s.resources)
        .where(inArray(s.resources.slug, slugs))
    ).map((r) => r.slug),
  );
  let created = 0;
  for (const item of demoCatalogue) {
    if (item.input.slug && existing.has(item.input.slug)) continue;
    await db.transaction(async (tx) => {
      const r = await createResource(operator, item.institution, item.input, { publish: true, tx });
      if (item.featured) {
        await tx.update(s.resources).set({ isFeatured: true }).where(eq(s.resources.id, r.id));
        await refreshSearchRow(tx, r.id);
      }
    });
    created++;
  }
  return created;
}

/** SJTU's and USTC's real course lists, through the import path (rows already there are skipped). */
export async function seedSharedData(
  onProgress?: (label: string, done: number, total: number) => void,
) {
  const out: Record<string, { created: number; skipped: number; refused: number }> = {};
  const db = await getDb();
  const existing = new Set(
    (
      await db
        .select({ slug: s.resources.slug })
        .from(s.resources)
        .innerJoin(s.institutions, eq(s.institutions.id, s.resources.institutionId))
        .where(inArray(s.institutions.slug, ["sjtu", "ustc"]))
    ).map((r) => r.slug),
  );
  for (const [slug, all] of [
    ["sjtu", sjtuRows()],
    ["ustc", ustcRows()],
  ] as const) {
    // Rows already imported are skipped up front, so a second seed is quick.
    const rows = all.filter((r) => !existing.has(String(r.row.slug)));
    const summary = await importResources(operator, slug, rows, {
      publish: true,
      onProgress: (n) => onProgress?.(slug, n, rows.length),
    });
    const taken = summary.results.filter((r) => !r.ok && r.fields?.slug?.code === "taken").length;
    out[slug] = {
      created: summary.created,
      skipped: taken + all.length - rows.length,
      refused: summary.failed - taken,
    };
  }
  return out;
}
