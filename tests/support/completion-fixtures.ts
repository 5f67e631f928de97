import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { addMember, createUser, mustViewer } from "./fixtures";
import { publishedResource } from "./catalogue-fixtures";
import { ensureLearningAccount } from "@/lib/ledger/accounts";
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

/**
 * Many learners enrolled on one seller's courses, written straight into the tables (buying a
 * thousand places through checkout would only slow the test): `learners` × `courses` enrolments.
 */
export async function massEnrolments(learners: number, courses: number) {
  const fx = await boughtCourse();
  const extra = [];
  const editor: Actor = { type: "user", viewer: fx.editor };
  for (let i = 1; i < courses; i++) {
    extra.push(await publishedResource(editor, fx.admin, fx.seller.slug, { creditsX100: 100 + i }));
  }
  const all = [fx.course, ...extra];
  const db = await getDb();
  const people = [];
  for (let i = 0; i < learners; i++) {
    const person = await createUser();
    await ensureLearningAccount(db, person.id); // as sign-up does
    people.push(person);
  }
  const versions = await db.select().from(s.resourceVersions);
  const rows = people.flatMap((p) =>
    all.map((c) => {
      const v = versions.find((x) => x.resourceId === c.id && x.state === "published")!;
      return {
        userId: p.id,
        resourceId: c.id,
        resourceVersionId: v.id,
        creditsX100: v.creditsX100,
        level: v.level,
        fieldCode: v.fieldCode,
        source: "seat" as const,
      };
    }),
  );
  const enrolled = await db.insert(s.enrolments).values(rows).returning({ id: s.enrolments.id });
  return { ...fx, enrolmentIds: enrolled.map((e) => e.id), learners: people };
}
