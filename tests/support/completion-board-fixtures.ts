import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { ensureLearningAccount } from "@/lib/ledger/accounts";
import { buyInSandbox, learner, lineFor } from "./commerce-fixtures";
import { boughtCourse } from "./completion-fixtures";
import { addMember, createUser, mustViewer } from "./fixtures";

/**
 * A seller's course (pass from 60, 3 credits) bought by `count` learners, and its registrar.
 * The first `withAccounts` learners have a learning account; the others came "before the
 * ledger" and have none yet.
 */
export async function courseWithLearners(count: number, withAccounts = count) {
  const fx = await boughtCourse();
  const enrolments = [fx.enrolment];
  for (let i = 1; i < count; i++) {
    const buyer = await learner();
    await buyInSandbox(buyer, { buyer: "self", lines: [await lineFor(fx.course.id, "learner")] });
    enrolments.push(await enrolmentOf(buyer, fx.course.id));
  }
  const accounts: (string | null)[] = [];
  const db = await getDb();
  for (const [i, e] of enrolments.entries()) {
    accounts.push(i < withAccounts ? (await ensureLearningAccount(db, e.userId)).number : null);
  }
  return { ...fx, enrolments, accounts };
}

async function enrolmentOf(buyer: Viewer, resourceId: string) {
  const db = await getDb();
  const [e] = await db
    .select()
    .from(s.enrolments)
    .where(and(eq(s.enrolments.userId, buyer.userId), eq(s.enrolments.resourceId, resourceId)));
  if (!e) throw new Error("no enrolment");
  return e;
}

/** A registrar of the institution (another person than the fixture's). */
export async function registrarOf(institutionId: string): Promise<Viewer> {
  const u = await createUser();
  await addMember(institutionId, u.id, "registrar");
  return mustViewer(u.id);
}

export async function completionsOf(enrolmentIds: string[]) {
  const db = await getDb();
  return db.select().from(s.completions).where(inArray(s.completions.enrolmentId, enrolmentIds));
}

export async function ledgerEntriesOf(enrolmentIds: string[]) {
  const db = await getDb();
  return db
    .select()
    .from(s.ledgerEntries)
    .where(inArray(s.ledgerEntries.enrolmentId, enrolmentIds));
}

/** A file as the page's file input gives it. */
export function csvFile(text: string, name = "results.csv") {
  return { name, size: Buffer.byteLength(text), text: async () => text };
}
