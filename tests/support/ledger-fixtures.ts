import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { now } from "@/lib/clock";
import { setCredentialStatus } from "@/lib/credentials/status";
import { issueCredential } from "@/lib/credentials/issue";
import { ensureLearningAccount } from "@/lib/ledger/accounts";
import { appendEntry, type NewEntry } from "@/lib/ledger/append";
import { buyInSandbox, lineFor, type sellerWithCourse } from "./commerce-fixtures";

/*
 * Ledger test data, written the plain way: the lead's completion service (lib/completions) does
 * the real work later; these helpers only put rows where the readers look for them.
 */

type Seller = Awaited<ReturnType<typeof sellerWithCourse>>;

/** The viewer's live enrolment on a resource, after buying it in the sandbox. */
export async function enrolledOn(viewer: Viewer, resourceId: string) {
  await buyInSandbox(viewer, { buyer: "self", lines: [await lineFor(resourceId, "learner")] });
  const db = await getDb();
  const [e] = await db
    .select()
    .from(s.enrolments)
    .where(and(eq(s.enrolments.userId, viewer.userId), eq(s.enrolments.resourceId, resourceId)));
  if (!e) throw new Error("no enrolment after buying");
  return e;
}

type Enrolment = Awaited<ReturnType<typeof enrolledOn>>;

/** A completion row, inserted directly (no rule evaluated, no deposit). */
export async function insertCompletion(
  enrolment: Enrolment,
  institutionId: string,
  outcome: "pass" | "fail" = "pass",
  completedOn = "2026-01-15",
) {
  const db = await getDb();
  const [c] = await db
    .insert(s.completions)
    .values({
      enrolmentId: enrolment.id,
      institutionId,
      scoreX100: outcome === "pass" ? 8500 : 3000,
      completedOn,
      outcome,
      reason: outcome === "pass" ? null : "score_below_minimum",
      source: "ui",
      createdAt: now(),
    })
    .returning();
  return c!;
}

/** Append one entry to the learner's chain, opening the account if needed. */
export async function appendFor(userId: string, entry: NewEntry) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const account = await ensureLearningAccount(tx, userId);
    return appendEntry(tx, account.id, entry);
  });
}

/** A pass and its deposit (the enrolment's credits, level, field, source and title snapshot). */
export async function depositFor(
  viewer: Viewer,
  seller: Seller,
  opts: { completedOn?: string; credential?: boolean } = {},
) {
  const enrolment = await enrolledOn(viewer, seller.course.id);
  const completion = await insertCompletion(enrolment, seller.seller.id, "pass", opts.completedOn);
  const db = await getDb();
  const [version] = await db
    .select({ titleZh: s.resourceVersions.titleZh, titleEn: s.resourceVersions.titleEn })
    .from(s.resourceVersions)
    .where(eq(s.resourceVersions.id, enrolment.resourceVersionId));
  const entry = await appendFor(viewer.userId, {
    kind: "deposit",
    creditsX100: enrolment.creditsX100,
    level: enrolment.level,
    fieldCode: enrolment.fieldCode,
    sourceInstitutionId: seller.seller.id,
    actingInstitutionId: seller.seller.id,
    resourceId: enrolment.resourceId,
    resourceVersionId: enrolment.resourceVersionId,
    enrolmentId: enrolment.id,
    completionId: completion.id,
    scoreX100: completion.scoreX100,
    completedOn: completion.completedOn,
    titleZh: version!.titleZh,
    titleEn: version!.titleEn,
  });
  let credentialId: string | null = null;
  if (opts.credential) {
    credentialId = await db.transaction(async (tx) => {
      const { id } = await issueCredential(tx, {
        completionId: completion.id,
        accountId: entry.accountId,
        entryId: entry.id,
        at: now(),
      });
      return id;
    });
  }
  return { enrolment, completion, entry, credentialId };
}

/** Suspend the credential of a completion, as an opened dispute does. */
export async function suspendCredentialOf(completionId: string) {
  const db = await getDb();
  await db.transaction((tx) => setCredentialStatus(tx, [completionId], "suspended", "dispute"));
}

/** Void a completion (a correction), directly. */
export async function voidCompletion(completionId: string) {
  const db = await getDb();
  await db
    .update(s.completions)
    .set({ voidedAt: now(), voidReason: "test correction" })
    .where(eq(s.completions.id, completionId));
}
