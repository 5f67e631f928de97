import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { anyUuid, jsonInsert, uuidArray } from "@/lib/db/json-rows";
import { selectRows, type Tx } from "@/db";
import { completions, credentials, credentialTemplates } from "@/db/schema";
import type {
  creditStandard,
  enrolments,
  institutions,
  learningAccounts,
  resources,
  resourceVersions,
  users,
} from "@/db/schema";
import { isLocale } from "@/i18n/routing";
import { credentialOwn } from "./build-own-part";
import { templateFactsOf, type CredentialFacts } from "./payload";
import { templateFor, type SharedTemplate } from "./stored";

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

type E = typeof enrolments.$inferSelect;
type R = typeof resources.$inferSelect;
type V = typeof resourceVersions.$inferSelect;
type I = typeof institutions.$inferSelect;
type A = typeof learningAccounts.$inferSelect;
type U = typeof users.$inferSelect;
type S = typeof creditStandard.$inferSelect;
export type CredentialFactsRow = Pick<E, "creditsX100" | "level" | "fieldCode"> &
  Pick<V, "version" | "titleZh" | "titleEn" | "summaryZh" | "summaryEn"> &
  Pick<V, "minScore" | "minAttendancePct"> &
  Pick<A, "nameOnCredentials"> &
  Pick<U, "email" | "name" | "locale"> &
  Pick<S, "timeZone"> & {
    enrolmentId: E["id"];
    accountId: A["id"];
    resourceSlug: R["slug"];
    resourceKind: R["kind"];
    institutionSlug: I["slug"];
    institutionZh: I["nameZh"];
    institutionEn: I["nameEn"];
    fieldZh: string;
    fieldEn: string;
    levelZh: string;
    levelEn: string;
    accountNumber: A["number"];
    allianceZh: S["allianceNameZh"];
    allianceEn: S["allianceNameEn"];
  };

/*
 * Written as SQL text rather than with the query builder: it runs for every batch of results,
 * and building a nine-table select cost more Node time than the server spent answering it.
 * Every column is text, an integer or a boolean, read alike from PostgreSQL and PGlite.
 */
function selectFacts(tx: Tx, enrolmentIds: readonly string[]) {
  return selectRows<CredentialFactsRow>(
    tx,
    sql`select e.id as "enrolmentId", la.id as "accountId", e.credits_x100 as "creditsX100",
      e.level as "level", e.field_code as "fieldCode", r.slug as "resourceSlug",
      r.kind as "resourceKind", v.version as "version", v.title_zh as "titleZh",
      v.title_en as "titleEn", v.summary_zh as "summaryZh", v.summary_en as "summaryEn",
      v.min_score as "minScore", v.min_attendance_pct as "minAttendancePct",
      i.slug as "institutionSlug", i.name_zh as "institutionZh", i.name_en as "institutionEn",
      f.name_zh as "fieldZh", f.name_en as "fieldEn", l.label_zh as "levelZh",
      l.label_en as "levelEn", la.number as "accountNumber",
      la.name_on_credentials as "nameOnCredentials", u.email as "email", u.name as "name",
      u.locale as "locale", cs.alliance_name_zh as "allianceZh",
      cs.alliance_name_en as "allianceEn", cs.time_zone as "timeZone"
    from enrolments e
    join resources r on r.id = e.resource_id
    -- The version the learner bought, not whatever is live now.
    join resource_versions v on v.id = e.resource_version_id
    join institutions i on i.id = r.institution_id
    join fields_of_study f on f.code = e.field_code
    join framework_levels l on l.level = e.level
    join users u on u.id = e.user_id
    -- By the unique user_id, one lookup per enrolment (see target.ts: a plain join hashed the
    -- whole accounts table in the cached generic plan).
    join lateral (select id, number, name_on_credentials from learning_accounts
      where user_id = u.id limit 1) la on true
    join credit_standard cs on cs.id = 1
    where e.id = any(${uuidArray(enrolmentIds)})`,
  );
}

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
export function credentialRows(
  passes: readonly CredentialToIssue[],
  // The batch's templates, gathered here by hash: written with the rows (`templatesInsert`).
  templates: Map<string, SharedTemplate>,
) {
  const drawn = new Set<number>();
  // Every credential's salt from one draw of the generator: one call per pass showed in profiles.
  const salts = randomBytes(16 * passes.length);
  return passes.map((p, k) => {
    const id = randomUUID();
    let statusIndex = randomInt(STATUS_LIST_SIZE);
    while (drawn.has(statusIndex)) statusIndex = randomInt(STATUS_LIST_SIZE);
    drawn.add(statusIndex);
    const salt = salts.toString("hex", 16 * k, 16 * (k + 1));
    const facts = { ...factsOf(p, salt), id, statusIndex };
    const template = templateFor(templateFactsOf(facts));
    templates.set(template.hash, template);
    return {
      id,
      completionId: p.completionId,
      accountId: p.accountId,
      entryId: p.entryId,
      statusIndex,
      payload: credentialOwn(facts, template.body.credentialSubject.achievement.id),
      templateHash: template.hash,
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
  const templates = new Map<string, SharedTemplate>();
  let rows = first?.rows ?? credentialRows(passes, templates);
  let inserted = first?.inserted ?? null;
  for (;;) {
    inserted ??= (
      await selectRows<{ completion_id: string }>(
        tx,
        sql`with ${templatesInsert([...templates.values()])} ${jsonInsert(credentials, rows)}
          on conflict (status_index) do nothing returning completion_id`,
      )
    ).map((r) => r.completion_id);
    const done = new Set(inserted);
    for (const r of rows) if (done.has(r.completionId)) ids.set(r.completionId, r.id);
    const waiting = passes.filter((p) => !ids.has(p.completionId));
    if (waiting.length === 0) return passes.map((p) => ({ id: ids.get(p.completionId)! }));
    rows = credentialRows(waiting, templates);
    inserted = null;
  }
}

/**
 * `t as (insert …)`: the templates not stored yet, for a statement that inserts credentials
 * naming them. One already committed is skipped by the `not exists` without touching the
 * index, so concurrent batches of one course never wait for each other here; only two first
 * writers of a new one do (`on conflict`).
 */
export function templatesInsert(list: readonly SharedTemplate[]): SQL {
  return sql`t as (${jsonInsert(credentialTemplates, list)}
    where not exists (select 1 from credential_templates c where c.hash = x.hash)
    on conflict (hash) do nothing)`;
}

function factsOf(
  { facts: f, result, at }: CredentialToIssue,
  salt: string,
): Omit<CredentialFacts, "id" | "statusIndex"> {
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
    salt,
    displayName: f.nameOnCredentials && f.name.trim() ? f.name.trim() : null,
  };
}
