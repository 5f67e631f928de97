import type { resourceVersions } from "@/db/schema";
import { type materialFields, type CreateResourceInput, type UpdateResourceInput } from "./schemas";
import type { VersionRow } from "./internal";

type VersionContent = Omit<
  typeof resourceVersions.$inferInsert,
  | "id"
  | "resourceId"
  | "version"
  | "state"
  | "createdAt"
  | "submittedAt"
  | "decidedAt"
  | "decidedBy"
  | "reviewReason"
>;

/** Input (API/UI shape) → version columns. Only the given fields are returned. */
export function toVersionColumns(
  input: UpdateResourceInput | CreateResourceInput,
): Partial<VersionContent> {
  const out: Partial<VersionContent> = {};
  const copy = [
    "titleZh",
    "titleEn",
    "summaryZh",
    "summaryEn",
    "descriptionMd",
    "fieldCode",
    "level",
    "creditsX100",
    "learningHours",
    "outcomes",
    "languages",
    "deliveryMode",
    "assessment",
    "prerequisites",
    "capacity",
  ] as const;
  for (const k of copy) {
    if (input[k] !== undefined) (out as Record<string, unknown>)[k] = input[k];
  }
  if (input.completionRule !== undefined) {
    const rule = input.completionRule as {
      minScore?: number | null;
      minAttendancePct?: number | null;
    };
    if (rule.minScore !== undefined) out.minScore = rule.minScore;
    if (rule.minAttendancePct !== undefined) out.minAttendancePct = rule.minAttendancePct;
  }
  if (input.enrolOpensAt !== undefined)
    out.enrolOpensAt = input.enrolOpensAt ? new Date(input.enrolOpensAt) : null;
  if (input.enrolClosesAt !== undefined)
    out.enrolClosesAt = input.enrolClosesAt ? new Date(input.enrolClosesAt) : null;
  return out;
}

/** The content of a version, to copy into the next one. */
export function contentOf(v: VersionRow): VersionContent {
  return {
    titleZh: v.titleZh,
    titleEn: v.titleEn,
    summaryZh: v.summaryZh,
    summaryEn: v.summaryEn,
    descriptionMd: v.descriptionMd,
    fieldCode: v.fieldCode,
    level: v.level,
    creditsX100: v.creditsX100,
    learningHours: v.learningHours,
    outcomes: v.outcomes,
    languages: v.languages,
    deliveryMode: v.deliveryMode,
    assessment: v.assessment,
    minScore: v.minScore,
    minAttendancePct: v.minAttendancePct,
    prerequisites: v.prerequisites,
    capacity: v.capacity,
    enrolOpensAt: v.enrolOpensAt,
    enrolClosesAt: v.enrolClosesAt,
    coverImageKey: v.coverImageKey,
    createdBy: v.createdBy,
  };
}

export type MaterialField = (typeof materialFields)[number];

/** Which of the reviewed fields (credits, level, outcomes, completion rule) `next` changes. */
export function materialChanges(next: VersionRow, base: VersionRow): MaterialField[] {
  const changed: MaterialField[] = [];
  if (next.creditsX100 !== base.creditsX100) changed.push("creditsX100");
  if (next.level !== base.level) changed.push("level");
  // Compared field by field: stored JSON does not keep the key order of the input.
  const a = next.outcomes;
  const b = base.outcomes;
  if (a.length !== b.length || a.some((o, i) => o.zh !== b[i]?.zh || o.en !== b[i]?.en)) {
    changed.push("outcomes");
  }
  if (next.minScore !== base.minScore || next.minAttendancePct !== base.minAttendancePct) {
    changed.push("completionRule");
  }
  return changed;
}

/** Does a patch change what the alliance reviewed? */
export function changesMaterialFields(base: VersionRow, patch: UpdateResourceInput): boolean {
  return materialChanges({ ...base, ...toVersionColumns(patch) }, base).length > 0;
}
