import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { anyUuid, insertJsonRows } from "@/lib/db/json-rows";
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

/** Everything a credential says but the result itself, by enrolment: one query for a batch. */
export async function readCredentialFacts(
  tx: Tx,
  enrolmentIds: readonly string[],
): Promise<Map<string, CredentialFactsRow>> {
  const rows = enrolmentIds.length ? await selectFacts(tx, enrolmentIds) : [];
  return new Map(rows.map((r) => [r.enrolmentId, r]));
}

function selectFacts(tx: Tx, enrolmentIds: readonly string[]) {
  return (
    tx
      .select({
        enrolmentId: enrolments.id,
        accountId: learningAccounts.id,
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
      .from(enrolments)
      .innerJoin(resources, eq(resources.id, enrolments.resourceId))
      // The version the learner bought, not whatever is live now.
      .innerJoin(resourceVersions, eq(resourceVersions.id, enrolments.resourceVersionId))
      .innerJoin(institutions, eq(institutions.id, resources.institutionId))
      .innerJoin(fieldsOfStudy, eq(fieldsOfStudy.code, enrolments.fieldCode))
      .innerJoin(frameworkLevels, eq(frameworkLevels.level, enrolments.level))
      .innerJoin(users, eq(users.id, enrolments.userId))
      .innerJoin(learningAccounts, eq(learningAccounts.userId, users.id))
      .innerJoin(creditStandard, eq(creditStandard.id, 1))
      .where(anyUuid(enrolments.id, enrolmentIds))
  );
}
export type CredentialFactsRow = Awaited<ReturnType<typeof selectFacts>>[number];

/**
 * Issue the credential of a pass, in the completion's transaction: one per completion (a unique
 * index). Builds and stores the OB 3.0 payload; the RS256 signature is made later, on first read
 * (`credentialJwt`), so recording completions never waits for RSA. The id and the place in the
 * revocation list are random: the id is the unguessable /verify address.
 */
export async function issueCredential(tx: Tx, input: IssueInput): Promise<{ id: string }> {
  const [issued] = await issueCredentials(tx, [input]);
  return issued!;
}

/** `issueCredential` for several passes: reads the results and their facts, then inserts. */
export async function issueCredentials(
  tx: Tx,
  inputs: readonly IssueInput[],
): Promise<{ id: string }[]> {
  if (inputs.length === 0) return [];
  const results = await tx
    .select({
      id: completions.id,
      enrolmentId: completions.enrolmentId,
      scoreX100: completions.scoreX100,
      completedOn: completions.completedOn,
    })
    .from(completions)
    .where(
      anyUuid(
        completions.id,
        inputs.map((i) => i.completionId),
      ),
    );
  const facts = await readCredentialFacts(
    tx,
    results.map((r) => r.enrolmentId),
  );
  const passes = inputs.map((input) => {
    const r = results.find((x) => x.id === input.completionId);
    return { ...input, facts: r && facts.get(r.enrolmentId), result: r };
  });
  return storeCredentials(tx, passes.map(credentialFor));
}

function credentialFor(p: IssueInput & { facts?: CredentialFactsRow; result?: PassResult }) {
  // The learner's own account, or nothing: a credential never names someone else.
  if (!p.facts || !p.result || p.facts.accountId !== p.accountId) {
    throw new Error(
      `No credential facts for completion ${p.completionId} and account ${p.accountId}`,
    );
  }
  return { ...p, facts: p.facts, result: p.result };
}

type PassResult = { scoreX100: number | null; completedOn: string };
export type CredentialToIssue = IssueInput & { facts: CredentialFactsRow; result: PassResult };

/**
 * The credential rows of passes, each with a random id and place in the revocation list (distinct
 * within the batch). Pure: the caller writes them (`storeCredentials`, or a batch's one write).
 */
export function credentialRows(passes: readonly CredentialToIssue[]) {
  const drawn = new Set<number>();
  return passes.map((p) => {
    const id = randomUUID();
    let statusIndex = randomInt(STATUS_LIST_SIZE);
    while (drawn.has(statusIndex)) statusIndex = randomInt(STATUS_LIST_SIZE);
    drawn.add(statusIndex);
    return {
      id,
      completionId: p.completionId,
      accountId: p.accountId,
      entryId: p.entryId,
      statusIndex,
      payload: buildAchievementCredential({ ...factsOf(p), id, statusIndex }),
      issuedAt: p.at,
      updatedAt: p.at,
    };
  });
}

/**
 * Insert the credentials of passes; a place in the list already taken (rare: a million places)
 * draws again until every pass has one. `first` are rows already tried by the caller's own
 * statement, with the completions it inserted. Returns the ids in the order of `passes`.
 */
export async function storeCredentials(
  tx: Tx,
  passes: readonly CredentialToIssue[],
  first?: { rows: ReturnType<typeof credentialRows>; inserted: readonly string[] },
): Promise<{ id: string }[]> {
  const ids = new Map<string, string>();
  let rows = first?.rows ?? credentialRows(passes);
  let inserted = first?.inserted ?? null;
  for (;;) {
    inserted ??= (
      await insertJsonRows<typeof credentials, { completion_id: string }>(
        tx,
        credentials,
        rows,
        sql`on conflict (status_index) do nothing returning completion_id`,
      )
    ).map((r) => r.completion_id);
    const done = new Set(inserted);
    for (const r of rows) if (done.has(r.completionId)) ids.set(r.completionId, r.id);
    const waiting = passes.filter((p) => !ids.has(p.completionId));
    if (waiting.length === 0) return passes.map((p) => ({ id: ids.get(p.completionId)! }));
    rows = credentialRows(waiting);
    inserted = null;
  }
}

function factsOf({
  facts: f,
  result,
  at,
}: CredentialToIssue): Omit<CredentialFacts, "id" | "statusIndex"> {
  return {
    issuedAt: at,
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
    scoreX100: result.scoreX100,
    completedOn: result.completedOn,
    timeZone: f.timeZone,
    accountNumber: f.accountNumber,
    email: f.email,
    salt: randomBytes(16).toString("hex"),
    displayName: f.nameOnCredentials && f.name.trim() ? f.name.trim() : null,
  };
}
