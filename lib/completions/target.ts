import { and, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { Tx } from "@/db";
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

/**
 * Find the enrolment a completion names — by id, or by the learner's account number and the
 * resource slug (the live enrolment) — with what the lock order needs: the order it came from
 * (directly, or through its seat's or site licence's order line).
 */
export async function findTarget(
  tx: Tx,
  input: Pick<CompletionInput, "enrolmentId" | "accountNumber" | "resourceSlug">,
) {
  const base = tx
    .select({
      id: enrolments.id,
      publisherId: resources.institutionId,
      orderId: sql<string | null>`coalesce(${orderLines.orderId}, ${lineOfLicence.orderId})`,
    })
    .from(enrolments)
    .innerJoin(resources, eq(resources.id, enrolments.resourceId))
    .leftJoin(orderLines, eq(orderLines.id, enrolments.orderLineId))
    .leftJoin(licences, eq(licences.id, enrolments.licenceId))
    .leftJoin(lineOfLicence, eq(lineOfLicence.id, licences.orderLineId));
  const rows = input.enrolmentId
    ? await base.where(eq(enrolments.id, input.enrolmentId))
    : await base
        .innerJoin(learningAccounts, eq(learningAccounts.userId, enrolments.userId))
        .where(
          and(
            eq(learningAccounts.number, input.accountNumber!),
            eq(resources.slug, input.resourceSlug!),
            inArray(enrolments.status, ["active", "suspended", "completed"]),
          ),
        );
  const found = rows[0];
  if (!found) throw new AppError("NOT_FOUND", "enrolment_not_found", "No such enrolment");
  return found;
}

export type Target = Awaited<ReturnType<typeof findTarget>>;

/**
 * Lock what a result changes, in the lock order: the order (shared: completions of one
 * institution's seats run side by side, a refund takes it for update and so waits for them or
 * they for it), then the enrolment. Returns the enrolment with its resource and version.
 */
export async function lockTarget(tx: Tx, target: Target) {
  if (target.orderId) await lockRows(tx, "order", orders, [target.orderId], "share");
  // The lock, the rows and the alliance's time zone in one round trip (the hot path).
  const [row] = await lockRowsWith(tx, "enrolment", [target.id], "update", () =>
    tx
      .select({
        enrolment: enrolments,
        resource: resources,
        version: resourceVersions,
        timeZone: sql<string>`(select time_zone from credit_standard where id = 1)`,
      })
      .from(enrolments)
      .innerJoin(resources, eq(resources.id, enrolments.resourceId))
      .innerJoin(resourceVersions, eq(resourceVersions.id, enrolments.resourceVersionId))
      .where(eq(enrolments.id, target.id))
      .for("update", { of: enrolments }),
  );
  if (!row) throw notFound("Enrolment not found");
  if (!isValidTimeZone(row.timeZone)) {
    throw new Error(`The credit standard's time zone is not an IANA zone: ${row.timeZone}`);
  }
  return row;
}

export const dayIn = (d: Date, timeZone: string) => format(new TZDate(d, timeZone), "yyyy-MM-dd");
