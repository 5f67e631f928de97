import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { completions, enrolments } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { issueCredential } from "@/lib/credentials/issue";
import { AppError, forbidden } from "@/lib/errors";
import { withInstitution, withInstitutionById } from "@/lib/institutions/with-institution";
import { ensureLearningAccount } from "@/lib/ledger/accounts";
import { appendEntry } from "@/lib/ledger/append";
import { parseInput } from "@/lib/validation";
import { depositOf } from "./deposits";
import { evaluateRule } from "./rule";
import { completionInputSchema, type CompletionInput } from "./schemas";
import { dayIn, findTarget, lockTarget } from "./target";

export type CompletionSource = "ui" | "csv" | "api";
export type CompletionRecorded = {
  completionId: string;
  enrolmentId: string;
  outcome: "pass" | "fail";
  reason: string | null;
  // `unchanged`: the same result was recorded before (a retry, a re-uploaded file).
  status: "recorded" | "unchanged";
  depositedX100: number;
  entryId: string | null;
  credentialId: string | null;
};

const conflict = (reason: string, message: string) => new AppError("CONFLICT", reason, message);

/**
 * Record a result for an enrolment (PRODUCT.md §7), in one transaction: a pass deposits the
 * enrolment's credits into the learner's account and issues the credential, with the completion.
 * `institution` is the slug the staff member works at; an API key acts for its own institution.
 */
export async function recordCompletion(
  actor: Actor,
  institution: string | null,
  input: unknown,
  source: CompletionSource,
): Promise<CompletionRecorded> {
  const data = parseInput(completionInputSchema, input);
  const db = await getDb();
  return db.transaction((tx) => recordCompletionIn(tx, actor, institution, data, source));
}

/** The same inside the caller's transaction (a CSV row; an idempotent API request). */
export async function recordCompletionIn(
  tx: Tx,
  actor: Actor,
  institution: string | null,
  data: CompletionInput,
  source: CompletionSource,
): Promise<CompletionRecorded> {
  // Lock order: institution → order → enrolment → account.
  const inst =
    actor.type === "api_key"
      ? await withInstitutionById(tx, actor, actor.institutionId, "completions:record")
      : institution
        ? await withInstitution(tx, actor, institution, "completions:record")
        : (() => {
            throw forbidden();
          })();
  const target = await findTarget(tx, data);
  if (target.publisherId !== inst.id) {
    throw new AppError(
      "FORBIDDEN",
      "not_your_enrolment",
      "The enrolment is on another institution's resource: only its publisher records results",
    );
  }
  const { enrolment, resource, version, timeZone: tz } = await lockTarget(tx, target);
  if (resource.kind === "learning_resource") {
    throw new AppError(
      "UNPROCESSABLE",
      "no_completion_for_kind",
      "A learning resource has no completion",
    );
  }
  if (enrolment.status === "revoked") {
    throw conflict("enrolment_revoked", "The enrolment was refunded or revoked");
  }
  if (enrolment.status === "suspended") {
    throw conflict("enrolment_suspended", "The enrolment is suspended while a dispute is open");
  }
  const at = now();
  if (data.completedOn > dayIn(at, tz)) {
    throw new AppError(
      "BAD_REQUEST",
      "completion_in_future",
      "The completion date is in the future",
      {
        fields: { completedOn: { code: "invalid" } },
      },
    );
  }
  if (data.completedOn < dayIn(enrolment.createdAt, tz)) {
    throw new AppError(
      "BAD_REQUEST",
      "completion_before_enrolment",
      "The completion date is before the enrolment",
      { fields: { completedOn: { code: "invalid" } } },
    );
  }
  const verdict = evaluateRule(version, data);

  const [latest] = await tx
    .select()
    .from(completions)
    .where(and(eq(completions.enrolmentId, enrolment.id), isNull(completions.voidedAt)))
    .orderBy(desc(completions.createdAt))
    .limit(1);
  const same =
    !!latest &&
    latest.scoreX100 === (data.score ?? null) &&
    latest.attendancePct === (data.attendancePct ?? null) &&
    latest.completedOn === data.completedOn;
  if (latest?.outcome === "pass" || (latest && same)) {
    if (!same) {
      throw conflict(
        "already_passed",
        "The enrolment already has a pass: a different result needs a correction first",
      );
    }
    return unchanged(tx, latest);
  }

  const [completion] = await tx
    .insert(completions)
    .values({
      enrolmentId: enrolment.id,
      institutionId: inst.id,
      scoreX100: data.score ?? null,
      attendancePct: data.attendancePct ?? null,
      completedOn: data.completedOn,
      evidenceUrl: data.evidenceUrl ?? null,
      outcome: verdict.outcome,
      reason: verdict.reason,
      source,
      recordedBy: actorUserId(actor),
      apiKeyId: actor.type === "api_key" ? actor.keyId : null,
      createdAt: at,
    })
    .returning();
  let entryId: string | null = null;
  let credentialPending: Promise<{ id: string } | null> = Promise.resolve(null);
  if (verdict.outcome === "pass") {
    // Independent statements, sent together (pipelined on PostgreSQL).
    const [, account] = await Promise.all([
      tx
        .update(enrolments)
        .set({ status: "completed", updatedAt: at })
        .where(eq(enrolments.id, enrolment.id)),
      ensureLearningAccount(tx, enrolment.userId),
    ]);
    // A 0-credit pass issues a credential but writes no entry (PRODUCT.md §7).
    if (enrolment.creditsX100 > 0) {
      const entry = await appendEntry(tx, account.id, {
        kind: "deposit",
        creditsX100: enrolment.creditsX100,
        level: enrolment.level,
        fieldCode: enrolment.fieldCode,
        sourceInstitutionId: resource.institutionId,
        actingInstitutionId: inst.id,
        resourceId: resource.id,
        resourceVersionId: enrolment.resourceVersionId,
        enrolmentId: enrolment.id,
        completionId: completion!.id,
        scoreX100: completion!.scoreX100,
        completedOn: completion!.completedOn,
        titleZh: version.titleZh,
        titleEn: version.titleEn,
      });
      entryId = entry.id;
    }
    credentialPending = issueCredential(tx, {
      completionId: completion!.id,
      accountId: account.id,
      entryId,
      at,
    });
  }
  const [credential] = await Promise.all([
    credentialPending,
    writeAudit(tx, {
      actorId: actorUserId(actor),
      action: "completion.recorded",
      targetType: "enrolment",
      targetId: enrolment.id,
      institutionId: inst.id,
      after: {
        completionId: completion!.id,
        outcome: verdict.outcome,
        reason: verdict.reason,
        source,
        depositedX100: entryId ? enrolment.creditsX100 : 0,
        ...(actor.type === "api_key" ? { apiKeyId: actor.keyId } : {}),
      },
    }),
  ]);
  const credentialId = credential?.id ?? null;
  return {
    completionId: completion!.id,
    enrolmentId: enrolment.id,
    outcome: verdict.outcome,
    reason: verdict.reason,
    status: "recorded",
    depositedX100: entryId ? enrolment.creditsX100 : 0,
    entryId,
    credentialId,
  };
}

async function unchanged(tx: Tx, c: typeof completions.$inferSelect): Promise<CompletionRecorded> {
  const deposit = c.outcome === "pass" ? await depositOf(tx, c.id) : null;
  return {
    completionId: c.id,
    enrolmentId: c.enrolmentId,
    outcome: c.outcome,
    reason: c.reason,
    status: "unchanged",
    depositedX100: deposit?.entry?.creditsX100 ?? 0,
    entryId: deposit?.entry?.id ?? null,
    credentialId: deposit?.credentialId ?? null,
  };
}
