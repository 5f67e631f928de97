import { and, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "@/db";
import { anyUuid } from "@/lib/db/json-rows";
import {
  enrolments,
  learningAccounts,
  licences,
  orderLines,
  orders,
  resources,
  resourceVersions,
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
    ids.length
      ? base()
          .leftJoin(learningAccounts, eq(learningAccounts.userId, enrolments.userId))
          .where(anyUuid(enrolments.id, ids))
      : [],
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
              inArray(enrolments.status, ["active", "suspended", "completed"]),
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
  if (orderIds.length) await lockRows(tx, "order", orders, orderIds, "share");
  // The locks, the rows and the time zone in one round trip (the hot path).
  const rows = await lockRowsWith(
    tx,
    "enrolment",
    targets.map((t) => t.id),
    "update",
    (sorted) =>
      tx
        .select({
          // Only what a result needs: these rows are read for every result recorded.
          enrolment: {
            id: enrolments.id,
            status: enrolments.status,
            userId: enrolments.userId,
            createdAt: enrolments.createdAt,
            creditsX100: enrolments.creditsX100,
            level: enrolments.level,
            fieldCode: enrolments.fieldCode,
            resourceVersionId: enrolments.resourceVersionId,
          },
          resource: {
            id: resources.id,
            kind: resources.kind,
            institutionId: resources.institutionId,
          },
          version: {
            titleZh: resourceVersions.titleZh,
            titleEn: resourceVersions.titleEn,
            minScore: resourceVersions.minScore,
            minAttendancePct: resourceVersions.minAttendancePct,
          },
          timeZone: sql<string>`(select time_zone from credit_standard where id = 1)`,
        })
        .from(enrolments)
        .innerJoin(resources, eq(resources.id, enrolments.resourceId))
        .innerJoin(resourceVersions, eq(resourceVersions.id, enrolments.resourceVersionId))
        .where(anyUuid(enrolments.id, sorted))
        .orderBy(enrolments.id)
        .for("update", { of: enrolments }),
  );
  for (const row of rows.slice(0, 1)) {
    if (!isValidTimeZone(row.timeZone)) {
      throw new Error(`The credit standard's time zone is not an IANA zone: ${row.timeZone}`);
    }
  }
  return new Map(rows.map((r) => [r.enrolment.id, r]));
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
