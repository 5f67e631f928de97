import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { now } from "@/lib/clock";
import { issueCredential } from "@/lib/credentials/issue";
import { wholeCredential } from "@/lib/credentials/stored";
import { ensureLearningAccount } from "@/lib/ledger/accounts";
import { appendEntry } from "@/lib/ledger/append";
import { buyInSandbox, learner, lineFor, sellerWithCourse } from "./commerce-fixtures";

/**
 * A credential as a pass would issue it, before the completion service exists: a learner buys a
 * course in the sandbox, a passing completion is written directly, a deposit appended when the
 * course carries credits, and the credential issued — all in one transaction, as the completion
 * service will do it.
 */
export async function issuedCredential(
  opts: {
    creditsX100?: number;
    scoreX100?: number | null;
    nameOnCredentials?: boolean;
    locale?: "zh-CN" | "en";
    buyer?: Viewer;
  } = {},
) {
  const { course, seller } = await sellerWithCourse(
    opts.creditsX100 === undefined ? {} : { creditsX100: opts.creditsX100 },
  );
  const me = opts.buyer ?? (await learner());
  await buyInSandbox(me, { buyer: "self", lines: [await lineFor(course.id, "learner")] });
  const db = await getDb();
  if (opts.locale) {
    await db.update(s.users).set({ locale: opts.locale }).where(eq(s.users.id, me.userId));
  }
  const [enrolment] = await db
    .select()
    .from(s.enrolments)
    .where(and(eq(s.enrolments.userId, me.userId), eq(s.enrolments.resourceId, course.id)));
  if (!enrolment) throw new Error("the purchase made no enrolment");
  const at = now();
  const scoreX100 = opts.scoreX100 === undefined ? 8550 : opts.scoreX100;
  const issued = await db.transaction(async (tx) => {
    const account = await ensureLearningAccount(tx, me.userId);
    if (opts.nameOnCredentials) {
      await tx
        .update(s.learningAccounts)
        .set({ nameOnCredentials: true })
        .where(eq(s.learningAccounts.id, account.id));
    }
    const [completion] = await tx
      .insert(s.completions)
      .values({
        enrolmentId: enrolment.id,
        institutionId: seller.id,
        scoreX100,
        completedOn: at.toISOString().slice(0, 10),
        outcome: "pass",
        source: "api",
        createdAt: at,
      })
      .returning();
    const entry =
      enrolment.creditsX100 > 0
        ? await appendEntry(tx, account.id, {
            kind: "deposit",
            creditsX100: enrolment.creditsX100,
            level: enrolment.level,
            fieldCode: enrolment.fieldCode,
            sourceInstitutionId: seller.id,
            actingInstitutionId: seller.id,
            resourceId: course.id,
            resourceVersionId: enrolment.resourceVersionId,
            enrolmentId: enrolment.id,
            completionId: completion!.id,
            scoreX100,
            completedOn: completion!.completedOn,
          })
        : null;
    const credential = await issueCredential(tx, {
      completionId: completion!.id,
      accountId: account.id,
      entryId: entry?.id ?? null,
      at,
    });
    return { credential, account, completion: completion!, entry };
  });
  return { ...issued, id: issued.credential.id, learner: me, seller, course, enrolment, at };
}

/** A credential's row, with its payload whole (its stored template joined back in). */
export async function credentialRow(id: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(s.credentials)
    .leftJoin(s.credentialTemplates, eq(s.credentialTemplates.hash, s.credentials.templateHash))
    .where(eq(s.credentials.id, id));
  if (!row) throw new Error(`no credential ${id}`);
  const template = row.credential_templates?.body;
  return { ...row.credentials, payload: wholeCredential(row.credentials.payload, template) };
}
