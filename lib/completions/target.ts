import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { selectRows, type Tx } from "@/db";
import { uuidArray } from "@/lib/db/json-rows";
import {
  enrolments,
  learningAccounts,
  licences,
  orderLines,
  orders,
  resources,
  type resourceVersions,
} from "@/db/schema";
import { lockRows, lockRowsWith } from "@/lib/db/lock-order";
import { isValidTimeZone } from "@/lib/time/alliance-zone";
import { AppError, notFound } from "@/lib/errors";
import type { CompletionInput } from "./schemas";

const lineOfLicence = alias(orderLines, "licence_line");

type TargetRef = Pick<CompletionInput, "enrolmentId" | "accountNumber" | "resourceSlug">;
export type Target = {
  id: string;
  publisherId: string;
  orderId: string | null;
  // The learner's learning account (null for someone who has none yet).
  accountId: string | null;
};

const refKey = (number: string, slug: string) => `${number}\u0000${slug}`;

/**
 * Find the enrolments completions name — by id, or by the learner's account number and the
 * resource slug (the live enrolment) — with what the lock order needs: the order each came from
 * (directly, or through its seat's or site licence's order line). One answer per ref, in order;
 * null where nothing matches. At most two queries, however many refs (a CSV chunk, a batch).
 */
export async function findTargets(
  tx: Tx,
  refs: readonly TargetRef[],
  // By account number and slug, only this publisher's enrolments are found: another answer
  // would tell a stranger who is enrolled where.
  publisherId: string | null = null,
): Promise<(Target | null)[]> {
  const base = () =>
    tx
      .select({
        id: enrolments.id,
        publisherId: resources.institutionId,
        orderId: sql<string | null>`coalesce(${orderLines.orderId}, ${lineOfLicence.orderId})`,
        accountId: learningAccounts.id,
        number: learningAccounts.number,
        slug: resources.slug,
      })
      .from(enrolments)
      .innerJoin(resources, eq(resources.id, enrolments.resourceId))
      .leftJoin(orderLines, eq(orderLines.id, enrolments.orderLineId))
      .leftJoin(licences, eq(licences.id, enrolments.licenceId))
      .leftJoin(lineOfLicence, eq(lineOfLicence.id, licences.orderLineId));
  const ids = [...new Set(refs.flatMap((r) => (r.enrolmentId ? [r.enrolmentId] : [])))];
  const pairs = refs.filter((r) => !r.enrolmentId && r.accountNumber && r.resourceSlug);
  const [byId, byNumber] = await Promise.all([
    ids.length ? byIds(tx, ids) : [],
    pairs.length
      ? base()
          .innerJoin(learningAccounts, eq(learningAccounts.userId, enrolments.userId))
          .where(
            and(
              // One JSON parameter: the same statement text for any number of pairs.
              sql`(${learningAccounts.number}, ${resources.slug}) in (select n, s
                from json_to_recordset(${JSON.stringify(
                  pairs.map((p) => ({ n: p.accountNumber, s: p.resourceSlug })),
                )}::json) as p(n text, s text))`,
              publisherId ? eq(resources.institutionId, publisherId) : undefined,
              // `live`: active, suspended or completed — the unique index's own condition, so it is used.
              sql`${enrolments.live}`,
            ),
          )
      : [],
  ]);
  const found = new Map<string, Target>();
  const strip = ({ id, publisherId, orderId, accountId }: Target) => ({
    id,
    publisherId,
    orderId,
    accountId,
  });
  for (const r of byId) found.set(r.id, strip(r));
  for (const r of byNumber) {
    if (!found.has(refKey(r.number!, r.slug))) found.set(refKey(r.number!, r.slug), strip(r));
  }
  return refs.map(
    (r) => found.get(r.enrolmentId ?? refKey(r.accountNumber ?? "", r.resourceSlug ?? "")) ?? null,
  );
}

/*
 * The hot lookups below are SQL text rather than the query builder: they run for every batch of
 * results, and building them cost more Node time than the server spent answering them.
 */
function byIds(tx: Tx, ids: readonly string[]) {
  return selectRows<Target & { number: string | null; slug: string }>(
    tx,
    sql`select e.id as "id", r.institution_id as "publisherId",
      coalesce(ol.order_id, ll.order_id) as "orderId", la.id as "accountId",
      la.number as "number", r.slug as "slug"
    from enrolments e
    join resources r on r.id = e.resource_id
    left join order_lines ol on ol.id = e.order_line_id
    left join licences l on l.id = e.licence_id
    left join order_lines ll on ll.id = l.order_line_id
    -- A lookup by the unique user_id for each enrolment (the limit keeps it one): joined
    -- plainly, the cached generic plan hashed the whole accounts table for every batch.
    left join lateral (select id, number from learning_accounts
      where user_id = e.user_id limit 1) la on true
    where e.id = any(${uuidArray(ids)})`,
  );
}

/** One enrolment, as `findTargets`; an unknown one is a clear 404. */
export async function findTarget(tx: Tx, ref: TargetRef, publisherId: string | null = null) {
  const [found] = await findTargets(tx, [ref], publisherId);
  if (!found) throw enrolmentNotFound();
  return found;
}

export const enrolmentNotFound = () =>
  new AppError("NOT_FOUND", "enrolment_not_found", "No such enrolment");

/**
 * Lock what results change, in the lock order: the orders (shared: completions of one
 * institution's seats run side by side, a refund takes its order for update and so waits for
 * them or they for it), then the enrolments. Returns each enrolment with its resource and
 * version, and the alliance's time zone; a row gone meanwhile is absent.
 */
export async function lockTargets(tx: Tx, targets: readonly Target[]) {
  const orderIds = targets.flatMap((t) => (t.orderId ? [t.orderId] : []));
  // Both statements go out together, in the lock order: the connection runs them one after
  // the other, so the enrolments are locked only once the orders are (the hot path).
  const ordersLocked = orderIds.length
    ? lockRows(tx, "order", orders, orderIds, "share")
    : Promise.resolve([]);
  ordersLocked.catch(() => {}); // awaited below; a failure there is the cause of the next one
  // The locks, the rows and the time zone in one round trip.
  const locking = lockRowsWith(
    tx,
    "enrolment",
    targets.map((t) => t.id),
    "update",
    (sorted) => lockedRows(tx, sorted),
  );
  locking.catch(() => {});
  await ordersLocked;
  const rows = (await locking).map(shaped);
  for (const row of rows.slice(0, 1)) {
    if (!isValidTimeZone(row.timeZone)) {
      throw new Error(`The credit standard's time zone is not an IANA zone: ${row.timeZone}`);
    }
  }
  return new Map(rows.map((r) => [r.enrolment.id, r]));
}

type LockedRow = Pick<
  typeof enrolments.$inferSelect,
  "id" | "status" | "userId" | "creditsX100" | "level" | "fieldCode" | "resourceVersionId"
> & { createdAtMs: number } & Pick<typeof resources.$inferSelect, "kind" | "institutionId"> & {
    resourceId: string;
  } & Pick<
    typeof resourceVersions.$inferSelect,
    "titleZh" | "titleEn" | "minScore" | "minAttendancePct"
  > & { timeZone: string };

/** The enrolments locked `FOR UPDATE` (ids ascending), with only what a result needs. */
async function lockedRows(tx: Tx, sorted: string[]) {
  const rows = await selectRows<LockedRow>(
    tx,
    sql`select e.id as "id", e.status as "status", e.user_id as "userId",
      e.credits_x100 as "creditsX100", e.level as "level", e.field_code as "fieldCode",
      e.resource_version_id as "resourceVersionId",
      (extract(epoch from e.created_at) * 1000)::float8 as "createdAtMs",
      r.id as "resourceId", r.kind as "kind", r.institution_id as "institutionId",
      v.title_zh as "titleZh", v.title_en as "titleEn", v.min_score as "minScore",
      v.min_attendance_pct as "minAttendancePct",
      (select time_zone from credit_standard where id = 1) as "timeZone"
    from enrolments e
    join resources r on r.id = e.resource_id
    join resource_versions v on v.id = e.resource_version_id
    where e.id = any(${uuidArray(sorted)})
    order by e.id
    for update of e`,
  );
  return rows;
}

function shaped(r: LockedRow) {
  return {
    enrolment: {
      id: r.id,
      status: r.status,
      userId: r.userId,
      createdAt: new Date(Number(r.createdAtMs)),
      creditsX100: r.creditsX100,
      level: r.level,
      fieldCode: r.fieldCode,
      resourceVersionId: r.resourceVersionId,
    },
    resource: { id: r.resourceId, kind: r.kind, institutionId: r.institutionId },
    version: {
      titleZh: r.titleZh,
      titleEn: r.titleEn,
      minScore: r.minScore,
      minAttendancePct: r.minAttendancePct,
    },
    timeZone: r.timeZone,
  };
}

export type LockedTarget = NonNullable<ReturnType<Awaited<ReturnType<typeof lockTargets>>["get"]>>;

/** One enrolment, as `lockTargets`. */
export async function lockTarget(tx: Tx, target: Target): Promise<LockedTarget> {
  const row = (await lockTargets(tx, [target])).get(target.id);
  if (!row) throw notFound("Enrolment not found");
  return row;
}

// One formatter per zone: building one (or a TZDate per call) cost more than a whole result.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (yyyy-MM-dd) an instant falls on in a time zone. */
export function dayIn(d: Date, timeZone: string): string {
  // Asked for the same instant again and again (every result of a batch checks its date against
  // the batch's clock): remembered by instant and zone, as formatting showed in profiles.
  const key = `${timeZone}\u0000${d.getTime()}`;
  let day = days.get(key);
  if (!day) {
    day = formatDay(d, timeZone);
    if (days.size >= 1_000) days.clear();
    days.set(key, day);
  }
  return day;
}

const days = new Map<string, string>();

function formatDay(d: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, f);
  }
  const parts = f.formatToParts(d);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}
