import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import {
  completions,
  creditStandard,
  credentials,
  enrolments,
  fieldsOfStudy,
  frameworkLevels,
  institutions,
  learningAccounts,
  resources,
  resourceVersions,
  users,
} from "@/db/schema";
import { isLocale } from "@/i18n/routing";
import { buildAchievementCredential, type CredentialFacts } from "./payload";

/** Places in the revocation list: 2^20 bits (128 KiB before compression). */
export const STATUS_LIST_SIZE = 1 << 20;

export type IssueInput = {
  completionId: string;
  accountId: string;
  entryId: string | null;
  at: Date;
};

/** Everything the credential says, read in one query inside the completion's transaction. */
async function readFacts(tx: Tx, input: IssueInput) {
  const [row] = await tx
    .select({
      scoreX100: completions.scoreX100,
      completedOn: completions.completedOn,
      creditsX100: enrolments.creditsX100,
      level: enrolments.level,
      fieldCode: enrolments.fieldCode,
      resourceSlug: resources.slug,
      resourceKind: resources.kind,
      version: resourceVersions.version,
      titleZh: resourceVersions.titleZh,
      titleEn: resourceVersions.titleEn,
      summaryZh: resourceVersions.summaryZh,
      summaryEn: resourceVersions.summaryEn,
      minScore: resourceVersions.minScore,
      minAttendancePct: resourceVersions.minAttendancePct,
      institutionSlug: institutions.slug,
      institutionZh: institutions.nameZh,
      institutionEn: institutions.nameEn,
      fieldZh: fieldsOfStudy.nameZh,
      fieldEn: fieldsOfStudy.nameEn,
      levelZh: frameworkLevels.labelZh,
      levelEn: frameworkLevels.labelEn,
      accountNumber: learningAccounts.number,
      nameOnCredentials: learningAccounts.nameOnCredentials,
      email: users.email,
      name: users.name,
      locale: users.locale,
      allianceZh: creditStandard.allianceNameZh,
      allianceEn: creditStandard.allianceNameEn,
      timeZone: creditStandard.timeZone,
    })
    .from(completions)
    .innerJoin(enrolments, eq(enrolments.id, completions.enrolmentId))
    .innerJoin(resources, eq(resources.id, enrolments.resourceId))
    // The version the learner bought, not whatever is live now.
    .innerJoin(resourceVersions, eq(resourceVersions.id, enrolments.resourceVersionId))
    .innerJoin(institutions, eq(institutions.id, resources.institutionId))
    .innerJoin(fieldsOfStudy, eq(fieldsOfStudy.code, enrolments.fieldCode))
    .innerJoin(frameworkLevels, eq(frameworkLevels.level, enrolments.level))
    .innerJoin(learningAccounts, eq(learningAccounts.id, input.accountId))
    .innerJoin(users, and(eq(users.id, learningAccounts.userId), eq(users.id, enrolments.userId)))
    .innerJoin(creditStandard, eq(creditStandard.id, 1))
    .where(eq(completions.id, input.completionId));
  if (!row) {
    throw new Error(
      `No credential facts for completion ${input.completionId} and account ${input.accountId}`,
    );
  }
  return row;
}

/**
 * Issue the credential of a pass, in the completion's transaction: one per completion (a unique
 * index). Builds and stores the OB 3.0 payload; the RS256 signature is made later, on first read
 * (`credentialJwt`), so recording completions never waits for RSA. The id and the place in the
 * revocation list are random: the id is the unguessable /verify address.
 */
export async function issueCredential(tx: Tx, input: IssueInput): Promise<{ id: string }> {
  const f = await readFacts(tx, input);
  const facts: Omit<CredentialFacts, "id" | "statusIndex"> = {
    issuedAt: input.at,
    language: isLocale(f.locale) ? f.locale : "zh-CN",
    allianceName: { zh: f.allianceZh, en: f.allianceEn },
    institution: { slug: f.institutionSlug, name: { zh: f.institutionZh, en: f.institutionEn } },
    resource: {
      slug: f.resourceSlug,
      kind: f.resourceKind,
      version: f.version,
      title: { zh: f.titleZh, en: f.titleEn },
      summary: { zh: f.summaryZh, en: f.summaryEn },
      minScore: f.minScore,
      minAttendancePct: f.minAttendancePct,
    },
    creditsX100: f.creditsX100,
    level: f.level,
    levelLabel: { zh: f.levelZh, en: f.levelEn },
    field: { code: f.fieldCode, name: { zh: f.fieldZh, en: f.fieldEn } },
    scoreX100: f.scoreX100,
    completedOn: f.completedOn,
    timeZone: f.timeZone,
    accountNumber: f.accountNumber,
    email: f.email,
    salt: randomBytes(16).toString("hex"),
    displayName: f.nameOnCredentials && f.name.trim() ? f.name.trim() : null,
  };
  for (;;) {
    const id = randomUUID();
    const statusIndex = randomInt(STATUS_LIST_SIZE);
    const rows = await tx
      .insert(credentials)
      .values({
        id,
        completionId: input.completionId,
        accountId: input.accountId,
        entryId: input.entryId,
        statusIndex,
        payload: buildAchievementCredential({ ...facts, id, statusIndex }),
        issuedAt: input.at,
        updatedAt: input.at,
      })
      // A taken place in the list: draw again (rare: a million places).
      .onConflictDoNothing({ target: credentials.statusIndex })
      .returning({ id: credentials.id });
    if (rows[0]) return rows[0];
  }
}
