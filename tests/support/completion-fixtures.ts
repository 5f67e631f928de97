import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { addMember, createUser, mustViewer } from "./fixtures";
import { buyInSandbox, learner, lineFor, sellerWithCourse } from "./commerce-fixtures";

/** A seller's course bought by a learner, and the seller's registrar: ready for a result. */
export async function boughtCourse(over: Record<string, unknown> = {}) {
  const fx = await sellerWithCourse(over);
  const reg = await createUser();
  await addMember(fx.seller.id, reg.id, "registrar");
  const registrar = await mustViewer(reg.id);
  const buyer = await learner();
  const placed = await buyInSandbox(buyer, {
    buyer: "self",
    lines: [await lineFor(fx.course.id, "learner")],
  });
  const db = await getDb();
  const [enrolment] = await db
    .select()
    .from(s.enrolments)
    .where(and(eq(s.enrolments.userId, buyer.userId), eq(s.enrolments.resourceId, fx.course.id)));
  if (!enrolment) throw new Error("no enrolment");
  const actor: Actor = { type: "user", viewer: registrar };
  return { ...fx, registrar, actor, buyer, orderId: placed.orderId, enrolment };
}

/** Today in the alliance's time zone (Asia/Shanghai by default), as the form sends it. */
export function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export async function entriesOf(enrolmentId: string) {
  const db = await getDb();
  return db
    .select()
    .from(s.ledgerEntries)
    .where(eq(s.ledgerEntries.enrolmentId, enrolmentId))
    .orderBy(s.ledgerEntries.seq);
}
