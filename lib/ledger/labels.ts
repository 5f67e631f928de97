import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { fieldsOfStudy, frameworkLevels, institutions } from "@/db/schema";

/** An institution as the ledger's readers name it (no internal id leaves the server). */
export type InstitutionRef = { slug: string; nameZh: string; nameEn: string };

export type LedgerLabels = {
  institution: (id: string | null) => InstitutionRef | null;
  level: (level: number | null) => { labelZh: string; labelEn: string } | null;
  field: (code: string | null) => { nameZh: string; nameEn: string } | null;
};

/**
 * The names behind the ids an account's entries carry: institutions, framework levels, fields of
 * study. Three small reads for a whole page instead of a join per entry kind.
 */
export async function loadLedgerLabels(
  db: DbOrTx,
  ids: { institutions: Iterable<string | null>; fields: Iterable<string | null> },
): Promise<LedgerLabels> {
  const instIds = [...new Set([...ids.institutions].filter((x): x is string => !!x))];
  const fieldCodes = [...new Set([...ids.fields].filter((x): x is string => !!x))];
  const [insts, levels, fields] = await Promise.all([
    instIds.length === 0
      ? []
      : db
          .select({
            id: institutions.id,
            slug: institutions.slug,
            nameZh: institutions.nameZh,
            nameEn: institutions.nameEn,
          })
          .from(institutions)
          .where(inArray(institutions.id, instIds)),
    db
      .select({
        level: frameworkLevels.level,
        labelZh: frameworkLevels.labelZh,
        labelEn: frameworkLevels.labelEn,
      })
      .from(frameworkLevels),
    fieldCodes.length === 0
      ? []
      : db
          .select({
            code: fieldsOfStudy.code,
            nameZh: fieldsOfStudy.nameZh,
            nameEn: fieldsOfStudy.nameEn,
          })
          .from(fieldsOfStudy)
          .where(inArray(fieldsOfStudy.code, fieldCodes)),
  ]);
  const instMap = new Map(insts.map(({ id, ...ref }) => [id, ref]));
  const levelMap = new Map(levels.map(({ level, ...l }) => [level, l]));
  const fieldMap = new Map(fields.map(({ code, ...f }) => [code, f]));
  return {
    institution: (id) => (id ? (instMap.get(id) ?? null) : null),
    level: (level) => (level === null ? null : (levelMap.get(level) ?? null)),
    field: (code) => (code ? (fieldMap.get(code) ?? null) : null),
  };
}
