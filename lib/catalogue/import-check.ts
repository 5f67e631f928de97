import { isAppError, type FieldErrors } from "@/lib/errors";
import { UNKNOWN_FIELD_CODE } from "@/lib/standard/defaults";
import { describeFieldErrors, parseInput } from "@/lib/validation";
import { resourceSlugFor, slugReservedBy } from "./resource-slug";
import { createResourceSchema, type CreateResourceInput } from "./schemas";

/** One import row checked before anything is written: every problem of the row at once. */

/** Not a refusal: the row goes in, and the report says what was assumed. */
export type ImportWarning = {
  field: "fieldCode";
  code: "unknown_field_code" | "missing_field_code";
  value?: string;
};

export type ImportCheckContext = {
  institutionSlug: string;
  /** ISCED-F codes of the credit standard. */
  knownFields: ReadonlySet<string>;
  /** Institutions whose slug extends this one's (their prefix is theirs). */
  longerSlugs: readonly string[];
};

export type CheckedRow =
  | { ok: true; input: CreateResourceInput; slug: string; warnings: ImportWarning[] }
  | { ok: false; message: string; fields: FieldErrors; warnings: ImportWarning[] };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** A missing or unknown field of study becomes ISCED-F 999 (docs/DECISIONS.md), with a warning. */
function withKnownField(row: Record<string, unknown>, known: ReadonlySet<string>) {
  const code = row.fieldCode;
  if (typeof code === "string" && known.has(code.trim())) return { row, warnings: [] };
  const warning: ImportWarning =
    code === undefined || code === null || code === ""
      ? { field: "fieldCode", code: "missing_field_code" }
      : { field: "fieldCode", code: "unknown_field_code", value: String(code).slice(0, 40) };
  return { row: { ...row, fieldCode: UNKNOWN_FIELD_CODE }, warnings: [warning] };
}

/**
 * Check one row: the schema (every field, and the rules across fields even when some field
 * failed), then the slug (the institution's prefix, a longer institution's prefix, taken in the
 * catalogue or earlier in the file). `seen` collects the slugs of the rows checked so far.
 */
export function checkImportRow(
  raw: unknown,
  ctx: ImportCheckContext,
  taken: ReadonlySet<string>,
  seen: Set<string>,
): CheckedRow {
  const { row, warnings } = isRecord(raw)
    ? withKnownField(raw, ctx.knownFields)
    : { row: raw, warnings: [] };
  let fields: FieldErrors = {};
  let input: CreateResourceInput | null = null;
  try {
    input = parseInput(createResourceSchema, row);
  } catch (e) {
    if (!isAppError(e) || !e.fields) throw e;
    fields = { ...e.fields };
  }
  // The slug as the schema would read it, checked even when other fields failed.
  const given = isRecord(row) && typeof row.slug === "string" ? row.slug.trim().toLowerCase() : "";
  const titleEn = isRecord(row) && typeof row.titleEn === "string" ? row.titleEn : "";
  let slug: string | null = null;
  if (!fields.slug) {
    const made = resourceSlugFor(ctx.institutionSlug, { slug: given || undefined, titleEn });
    const refused =
      "issue" in made
        ? made
        : (slugReservedBy(made.slug, ctx.longerSlugs) ??
          (taken.has(made.slug) || seen.has(made.slug)
            ? { issue: { code: "taken" as const }, message: "slug: taken" }
            : null));
    if (refused) fields.slug = refused.issue;
    else if ("slug" in made) slug = made.slug;
  }
  if (given) seen.add(given);
  if (input && slug && Object.keys(fields).length === 0) {
    return { ok: true, input, slug, warnings };
  }
  return { ok: false, message: `Invalid input: ${describeFieldErrors(fields)}`, fields, warnings };
}

/** The explicit slugs of a batch, as the schema would normalise them (for one lookup). */
export function explicitSlugs(rows: readonly { row: unknown }[]): string[] {
  return rows.flatMap(({ row }) =>
    isRecord(row) && typeof row.slug === "string" && row.slug.trim()
      ? [row.slug.trim().toLowerCase()]
      : [],
  );
}
