import { eq, inArray } from "drizzle-orm";
import { getDb, type Db } from "./index";
import * as s from "./schema";
import { createResource } from "@/lib/catalogue/create-resource";
import { createImport } from "@/lib/catalogue/create-import";
import { importResources, vacuumImportedTables } from "@/lib/catalogue/import";
import { refreshSearchRow } from "@/lib/search/documents";
import type { Actor } from "@/lib/auth/actor";
import { demoCatalogue } from "./demo-catalogue";
import { countSharedDataRows, sharedDataRows } from "./shared-data";

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

/**
 * SJTU's and USTC's real course lists, streamed through the bulk import (rows already there are
 * skipped), then VACUUM ANALYZE so search is fast at once.
 */
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
  for (const slug of ["sjtu", "ustc"] as const) {
    const total = await countSharedDataRows(slug);
    let skipped = 0;
    // Rows already imported are skipped up front, so a second seed is quick.
    async function* fresh() {
      for await (const r of sharedDataRows(slug)) {
        if (existing.has(String(r.row.slug))) skipped++;
        else yield r;
      }
    }
    const { id: importId } = await createImport(
      operator,
      { institutionSlug: slug, format: "jsonl" },
      "seed",
    );
    const summary = await importResources(operator, slug, fresh(), {
      publish: true,
      importId,
      onProgress: (n) => onProgress?.(slug, n + skipped, total),
    });
    onProgress?.(slug, total, total);
    const taken = summary.results.filter((r) => !r.ok && r.fields?.slug?.code === "taken").length;
    out[slug] = {
      created: summary.created,
      skipped: taken + skipped,
      refused: summary.failed - taken,
    };
  }
  await vacuumImportedTables();
  return out;
}
