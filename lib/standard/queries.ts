import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { creditStandard, fieldsOfStudy, frameworkLevels } from "@/db/schema";

export async function getCreditStandard() {
  const db = await getDb();
  const [[standard], levels, fields] = await Promise.all([
    db.select().from(creditStandard).where(eq(creditStandard.id, 1)),
    db.select().from(frameworkLevels).orderBy(asc(frameworkLevels.level)),
    db.select().from(fieldsOfStudy).orderBy(asc(fieldsOfStudy.code)),
  ]);
  if (!standard) throw new Error("The credit standard row is missing: run the migrations");
  return { standard, levels, fields };
}

export type FieldLabel = { code: string; nameZh: string; nameEn: string };
export type StandardLabels = {
  /** Broad (2-digit) fields, each with its narrow (3-digit) ones, in code order. */
  fields: (FieldLabel & { narrow: FieldLabel[] })[];
  levels: { level: number; labelZh: string; labelEn: string }[];
};

/** Fields of study and level labels of the credit standard, for filter controls. */
export async function listStandardLabels(): Promise<StandardLabels> {
  const db = await getDb();
  const [fields, levels] = await Promise.all([
    db
      .select({
        code: fieldsOfStudy.code,
        parentCode: fieldsOfStudy.parentCode,
        nameZh: fieldsOfStudy.nameZh,
        nameEn: fieldsOfStudy.nameEn,
      })
      .from(fieldsOfStudy)
      .orderBy(asc(fieldsOfStudy.code)),
    db
      .select({
        level: frameworkLevels.level,
        labelZh: frameworkLevels.labelZh,
        labelEn: frameworkLevels.labelEn,
      })
      .from(frameworkLevels)
      .orderBy(asc(frameworkLevels.level)),
  ]);
  const broad = fields
    .filter((f) => f.code.length === 2)
    .map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn, narrow: [] as FieldLabel[] }));
  const byCode = new Map(broad.map((b) => [b.code, b]));
  for (const f of fields) {
    if (f.code.length !== 3) continue;
    byCode.get(f.parentCode ?? f.code.slice(0, 2))?.narrow.push({
      code: f.code,
      nameZh: f.nameZh,
      nameEn: f.nameEn,
    });
  }
  return { fields: broad, levels };
}
