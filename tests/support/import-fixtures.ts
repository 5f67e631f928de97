import { expect } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { startImportAction } from "@/lib/catalogue/import-actions";
import { addMember, createInstitution, createUser, mustViewer } from "./fixtures";

/** Rows, versions, offers and audit entries of the whole database: what an import may touch. */
export async function counts() {
  const db = await getDb();
  const n = async (t: typeof s.resources | typeof s.resourceVersions | typeof s.resourceOffers) =>
    Number((await db.select({ n: sql<number>`count(*)::int` }).from(t))[0]!.n);
  return {
    resources: await n(s.resources),
    versions: await n(s.resourceVersions),
    offers: await n(s.resourceOffers),
    audit: Number((await db.select({ n: sql<number>`count(*)::int` }).from(s.auditLog))[0]!.n),
  };
}

export async function resourcesOf(institutionId: string) {
  const db = await getDb();
  return db
    .select({
      id: s.resources.id,
      status: s.resources.status,
      fieldCode: s.resourceVersions.fieldCode,
      titleEn: s.resourceVersions.titleEn,
    })
    .from(s.resources)
    .innerJoin(s.resourceVersions, eq(s.resourceVersions.resourceId, s.resources.id))
    .where(eq(s.resources.institutionId, institutionId));
}

export async function editorElsewhere(): Promise<Viewer> {
  const other = await createInstitution();
  const user = await createUser();
  await addMember(other.id, user.id, "editor");
  return mustViewer(user.id);
}

/** Open an import as the signed-in viewer (as the page does before the first chunk). */
export async function startedImport(slug: string, format: "csv" | "jsonl"): Promise<string> {
  const started = await startImportAction(slug, format);
  expect(started).toMatchObject({ status: "ok" });
  return started.importId!;
}

export const jsonl = (rows: unknown[]) =>
  rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n");
