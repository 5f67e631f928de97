import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, selectRows } from "@/db";
import type { Viewer } from "@/lib/auth/load-principal";
import { now } from "@/lib/clock";
import { getInstitutionForStaff } from "@/lib/institutions/staff";
import { toSafeInteger, toSafeIntegerOrNull, type SqlInteger } from "@/lib/money/safe-integer";
import { readAllianceTimeZone } from "@/lib/time/alliance-zone";
import { dayIn } from "./target";

export const resultFilters = [
  "all",
  "awaiting",
  "failed",
  "passed",
  "suspended",
  "revoked",
] as const;
export type ResultFilter = (typeof resultFilters)[number];
export const BOARD_PAGE_SIZE = 25;
const RECENT_LIMIT = 20;

/** The page's search parameters; anything malformed falls back to the default, never a 400. */
const boardFiltersSchema = z.object({
  resource: z.uuid().optional().catch(undefined),
  status: z.enum(resultFilters).catch("all"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type BoardFilters = z.output<typeof boardFiltersSchema>;

export type LatestResult = {
  completionId: string;
  outcome: "pass" | "fail";
  scoreX100: number | null;
  attendancePct: number | null;
  reason: string | null;
  completedOn: string;
  source: "ui" | "csv" | "api";
};

export type BoardEnrolment = {
  enrolmentId: string;
  status: "active" | "suspended" | "completed" | "revoked";
  enrolledAt: Date;
  creditsX100: number;
  learnerName: string;
  // Learners from before the ledger may not have an account yet (opened on their first pass).
  accountNumber: string | null;
  resourceSlug: string;
  titleZh: string;
  titleEn: string;
  minScore: number | null;
  minAttendancePct: number | null;
  latest: LatestResult | null;
};

export type RecentCompletion = LatestResult & {
  enrolmentId: string;
  learnerName: string;
  titleZh: string;
  titleEn: string;
  recordedAt: Date;
  recordedByName: string | null;
  viaApi: boolean;
  voidedAt: Date | null;
  voidReason: string | null;
};

const statusWhere: Record<ResultFilter, SQL> = {
  all: sql`true`,
  awaiting: sql`e.status = 'active' and c.id is null`,
  failed: sql`e.status = 'active' and c.outcome = 'fail'`,
  passed: sql`e.status = 'completed'`,
  suspended: sql`e.status = 'suspended'`,
  revoked: sql`e.status = 'revoked'`,
};

type Int = SqlInteger;
type BoardRow = Omit<BoardEnrolment, "latest" | "enrolledAt" | "creditsX100"> & {
  enrolledAt: string | Date;
  creditsX100: Int;
  minScore: Int | null;
  minAttendancePct: Int | null;
  completionId: string | null;
  outcome: "pass" | "fail" | null;
  scoreX100: Int | null;
  attendancePct: Int | null;
  reason: string | null;
  completedOn: string | null;
  source: "ui" | "csv" | "api" | null;
};

/**
 * The registrar's board (PRODUCT.md §7): the institution's enrolments on resources that have a
 * completion, each with its latest live (not voided) result, newest enrolments first, filtered
 * by resource and result and paginated; the resources to filter by; today in the alliance's
 * time zone (the date a result defaults to). For staff holding `completions:record` there.
 */
export async function getCompletionBoard(viewer: Viewer, slug: string, rawFilters: unknown) {
  const db = await getDb();
  const institution = await getInstitutionForStaff(db, viewer, slug, "completions:record");
  const filters = boardFiltersSchema.parse(rawFilters ?? {});
  const where = sql`r.institution_id = ${institution.id} and r.kind <> 'learning_resource'
    and ${filters.resource ? sql`r.id = ${filters.resource}` : sql`true`}
    and ${statusWhere[filters.status]}`;
  // The latest live result of each enrolment: a lateral join, one index probe per row.
  const from = sql`from enrolments e
    join resources r on r.id = e.resource_id
    left join lateral (
      select c.id, c.outcome, c.score_x100, c.attendance_pct, c.reason, c.completed_on, c.source
      from completions c
      where c.enrolment_id = e.id and c.voided_at is null
      order by c.created_at desc, c.id desc limit 1) c on true`;
  const [rows, [count], resources, tz] = await Promise.all([
    selectRows<BoardRow>(
      db,
      sql`select e.id as "enrolmentId", e.status, e.created_at as "enrolledAt",
                 e.credits_x100 as "creditsX100", u.name as "learnerName",
                 a.number as "accountNumber", r.slug as "resourceSlug",
                 v.title_zh as "titleZh", v.title_en as "titleEn", v.min_score as "minScore",
                 v.min_attendance_pct as "minAttendancePct", c.id as "completionId", c.outcome,
                 c.score_x100 as "scoreX100", c.attendance_pct as "attendancePct", c.reason,
                 c.completed_on::text as "completedOn", c.source
          ${from}
          join resource_versions v on v.id = e.resource_version_id
          join users u on u.id = e.user_id
          left join learning_accounts a on a.user_id = e.user_id
          where ${where}
          order by e.created_at desc, e.id
          limit ${BOARD_PAGE_SIZE} offset ${(filters.page - 1) * BOARD_PAGE_SIZE}`,
    ),
    selectRows<{ n: Int }>(db, sql`select count(*) as n ${from} where ${where}`),
    selectRows<{ id: string; slug: string; titleZh: string | null; titleEn: string | null }>(
      db,
      sql`select r.id, r.slug, v.title_zh as "titleZh", v.title_en as "titleEn"
          from resources r left join resource_versions v on v.id = r.live_version_id
          where r.institution_id = ${institution.id} and r.kind <> 'learning_resource'
            and exists (select 1 from enrolments e where e.resource_id = r.id)
          order by r.slug`,
    ),
    readAllianceTimeZone(db),
  ]);
  return {
    institution,
    filters,
    today: dayIn(now(), tz),
    total: toSafeInteger(count?.n ?? 0),
    pageSize: BOARD_PAGE_SIZE,
    resources: resources.map((r) => ({
      id: r.id,
      slug: r.slug,
      titleZh: r.titleZh || r.slug,
      titleEn: r.titleEn || r.slug,
    })),
    enrolments: rows.map(toBoardEnrolment),
  };
}

function toBoardEnrolment(r: BoardRow): BoardEnrolment {
  return {
    enrolmentId: r.enrolmentId,
    status: r.status,
    enrolledAt: new Date(r.enrolledAt),
    creditsX100: toSafeInteger(r.creditsX100),
    learnerName: r.learnerName,
    accountNumber: r.accountNumber,
    resourceSlug: r.resourceSlug,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    minScore: toSafeIntegerOrNull(r.minScore),
    minAttendancePct: toSafeIntegerOrNull(r.minAttendancePct),
    latest:
      r.completionId && r.outcome && r.completedOn && r.source
        ? {
            completionId: r.completionId,
            outcome: r.outcome,
            scoreX100: toSafeIntegerOrNull(r.scoreX100),
            attendancePct: toSafeIntegerOrNull(r.attendancePct),
            reason: r.reason,
            completedOn: r.completedOn,
            source: r.source,
          }
        : null,
  };
}

type RecentRow = Omit<
  RecentCompletion,
  "scoreX100" | "attendancePct" | "recordedAt" | "voidedAt"
> & {
  scoreX100: Int | null;
  attendancePct: Int | null;
  recordedAt: string | Date;
  voidedAt: string | Date | null;
};

/**
 * The institution's latest results, corrected ones included, with where each came from (the
 * page, a CSV file, the API) and who recorded it. Same permission as the board.
 */
export async function listRecentCompletions(
  viewer: Viewer,
  slug: string,
): Promise<RecentCompletion[]> {
  const db = await getDb();
  const institution = await getInstitutionForStaff(db, viewer, slug, "completions:record");
  const rows = await selectRows<RecentRow>(
    db,
    sql`select c.id as "completionId", c.enrolment_id as "enrolmentId", c.outcome,
               c.score_x100 as "scoreX100", c.attendance_pct as "attendancePct", c.reason,
               c.completed_on::text as "completedOn", c.source, c.created_at as "recordedAt",
               c.api_key_id is not null as "viaApi", c.voided_at as "voidedAt",
               c.void_reason as "voidReason", u.name as "learnerName",
               v.title_zh as "titleZh", v.title_en as "titleEn", rb.name as "recordedByName"
        from completions c
        join enrolments e on e.id = c.enrolment_id
        join users u on u.id = e.user_id
        join resource_versions v on v.id = e.resource_version_id
        left join users rb on rb.id = c.recorded_by
        where c.institution_id = ${institution.id}
        order by c.created_at desc, c.id desc
        limit ${RECENT_LIMIT}`,
  );
  return rows.map((r) => ({
    ...r,
    scoreX100: toSafeIntegerOrNull(r.scoreX100),
    attendancePct: toSafeIntegerOrNull(r.attendancePct),
    recordedAt: new Date(r.recordedAt),
    voidedAt: r.voidedAt ? new Date(r.voidedAt) : null,
  }));
}
