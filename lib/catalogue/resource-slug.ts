import { and, gt, like, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { institutions } from "@/db/schema";
import { AppError, type FieldIssue } from "@/lib/errors";

/** A resource's slug: globally unique, starting with its institution's slug. */

function slugify(s: string): string {
  return s
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

export type SlugIssue = { issue: FieldIssue; message: string };

/** The given slug when it carries the institution's prefix, else one made from the title. */
export function resourceSlugFor(
  instSlug: string,
  input: { slug?: string; titleEn: string },
): { slug: string } | SlugIssue {
  if (input.slug) {
    if (!input.slug.startsWith(`${instSlug}-`)) {
      return { issue: { code: "invalid_format" }, message: `slug: must start with "${instSlug}-"` };
    }
    return { slug: input.slug };
  }
  const base = slugify(input.titleEn) || "resource";
  return { slug: `${instSlug}-${base}-${Math.random().toString(36).slice(2, 7)}` };
}

/**
 * Institutions whose slug extends this one's ("sjtu-math" for "sjtu"): their prefix is theirs,
 * so "sjtu-math-…" must not be taken by sjtu. Read once per import, checked per row.
 */
export async function longerInstitutionSlugs(tx: DbOrTx, instSlug: string): Promise<string[]> {
  const rows = await tx
    .select({ slug: institutions.slug })
    .from(institutions)
    .where(
      and(
        like(institutions.slug, `${instSlug.replace(/[\\%_]/g, "\\$&")}-%`),
        gt(sql`length(${institutions.slug})`, instSlug.length),
      ),
    );
  return rows.map((r) => r.slug);
}

export function slugReservedBy(slug: string, longer: readonly string[]): SlugIssue | null {
  const owner = longer.find((other) => slug.startsWith(`${other}-`));
  return owner ? { issue: { code: "taken" }, message: `slug: reserved for ${owner}` } : null;
}

export function slugError({ issue, message }: SlugIssue): AppError {
  return new AppError("BAD_REQUEST", "validation", message, { fields: { slug: issue } });
}
