import { createHash } from "node:crypto";
import { CREDITS_EXPONENT, minorToDecimal } from "@/lib/money/minor-units";
import { baseUrl, issuerId } from "./urls";

/**
 * The Open Badges 3.0 AchievementCredential of a pass (PRODUCT.md §7), built from facts the
 * issuer read in the completion's transaction. Pure: no database, no key, no clock.
 *
 * Language: the credential speaks the learner's language (`@language` on the achievement); the
 * other language's title and summary travel in `achievement.related`, the OB 3.0 way of linking
 * the same achievement in another language. Personal data: the account's URN, a salted SHA-256 of
 * the e-mail address, and the name only when the learner opted in.
 */

export type CredentialLanguage = "zh-CN" | "en";
type Bilingual = { zh: string; en: string };

export type CredentialFacts = {
  id: string;
  issuedAt: Date;
  statusIndex: number;
  language: CredentialLanguage;
  allianceName: Bilingual;
  institution: { slug: string; name: Bilingual };
  resource: {
    slug: string;
    kind: string;
    version: number;
    title: Bilingual;
    summary: Bilingual;
    minScore: number | null;
    minAttendancePct: number | null;
  };
  creditsX100: number;
  level: number;
  levelLabel: Bilingual;
  field: { code: string; name: Bilingual };
  scoreX100: number | null;
  completedOn: string;
  timeZone: string;
  accountNumber: string;
  email: string;
  salt: string;
  displayName: string | null;
};

export type Profile = { id: string; type: string[]; name: string; url?: string };
export type IdentityObject = {
  type: "IdentityObject";
  identityHash: string;
  identityType: string;
  hashed: boolean;
  salt?: string;
};
export type AchievementCredential = {
  "@context": string[];
  id: string;
  type: string[];
  name: string;
  description: string;
  issuer: Profile;
  validFrom: string;
  issuanceDate: string;
  credentialSubject: {
    id: string;
    type: string[];
    identifier: IdentityObject[];
    achievement: Record<string, unknown> & { id: string; name: string; creator: Profile };
    result?: { type: string[]; resultDescription: string; value: string }[];
    creditsEarned: number;
    activityEndDate: string;
  };
  credentialStatus: {
    id: string;
    type: "BitstringStatusListEntry";
    statusPurpose: "revocation";
    statusListIndex: string;
    statusListCredential: string;
  };
  credentialSchema: { id: string; type: string }[];
};

export const VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const OB_SCHEMA =
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
const ISCED_URL =
  "https://uis.unesco.org/en/topic/international-standard-classification-education-isced";

const achievementTypes: Record<string, string> = {
  course: "Course",
  micro_credential: "MicroCredential",
  certificate_programme: "Certificate",
};

const words = {
  "zh-CN": {
    framework: "学分银行联盟资历框架",
    isced: "ISCED-F 2013 教育与培训领域分类",
    score: "成绩",
    minScore: (n: number) => `成绩不低于 ${n} 分`,
    minAttendance: (n: number) => `出勤率不低于 ${n}%`,
    recorded: (inst: string) => `由${inst}记录通过。`,
    join: "；",
  },
  en: {
    framework: "Credit Bank Alliance qualifications framework",
    isced: "ISCED-F 2013 fields of education and training",
    score: "Score",
    minScore: (n: number) => `a score of at least ${n}`,
    minAttendance: (n: number) => `attendance of at least ${n}%`,
    recorded: (inst: string) => `Passed as recorded by ${inst}.`,
    join: "; ",
  },
} as const;

const other = (lang: CredentialLanguage): CredentialLanguage => (lang === "en" ? "zh-CN" : "en");
const pick = (text: Bilingual, lang: CredentialLanguage): string =>
  (lang === "en" ? text.en : text.zh) || (lang === "en" ? text.zh : text.en);

/** A decimal count of hundredths as the JSON number with exactly that text (300 → 3, 150 → 1.5). */
export function hundredthsAsNumber(hundredths: number): number {
  return JSON.parse(minorToDecimal(hundredths, CREDITS_EXPONENT, { trim: true })) as number;
}

/** OB 3.0 IdentityHash: "sha256$" + hex SHA-256 of the lower-cased address followed by the salt. */
export function emailIdentityHash(email: string, salt: string): string {
  const digest = createHash("sha256").update(`${email.trim().toLowerCase()}${salt}`, "utf8");
  return `sha256$${digest.digest("hex")}`;
}

function criteriaNarrative(f: TemplateFacts, lang: CredentialLanguage): string {
  const w = words[lang];
  const rules: string[] = [];
  if (f.resource.minScore !== null) rules.push(w.minScore(f.resource.minScore));
  if (f.resource.minAttendancePct !== null)
    rules.push(w.minAttendance(f.resource.minAttendancePct));
  const recorded = w.recorded(pick(f.institution.name, lang));
  if (rules.length === 0) return recorded;
  const rule = rules.join(w.join);
  return lang === "en"
    ? `${rule[0]!.toUpperCase()}${rule.slice(1)}. ${recorded}`
    : `${rule}。${recorded}`;
}

function achievementOf(
  f: TemplateFacts,
): AchievementCredential["credentialSubject"]["achievement"] {
  const lang = f.language;
  const base = baseUrl();
  const pageOf = (l: CredentialLanguage) =>
    `${base}/${l}/resources/${encodeURIComponent(f.resource.slug)}?version=${f.resource.version}`;
  const id = pageOf(lang);
  const title = pick(f.resource.title, lang);
  const otherLang = other(lang);
  const otherTitle = lang === "en" ? f.resource.title.zh : f.resource.title.en;
  const otherSummary = lang === "en" ? f.resource.summary.zh : f.resource.summary.en;
  return {
    id,
    type: ["Achievement"],
    achievementType: achievementTypes[f.resource.kind] ?? "ext:LearningResource",
    "@language": lang,
    name: title,
    description: pick(f.resource.summary, lang) || title,
    criteria: { id: pageOf(lang), narrative: criteriaNarrative(f, lang) },
    creditsAvailable: hundredthsAsNumber(f.creditsX100),
    fieldOfStudy: pick(f.field.name, lang),
    humanCode: f.resource.slug,
    version: String(f.resource.version),
    creator: {
      id: `${base}/institutions/${encodeURIComponent(f.institution.slug)}`,
      type: ["Profile"],
      name: pick(f.institution.name, lang),
    },
    alignment: [
      {
        type: ["Alignment"],
        targetType: "ext:ISCEDF2013",
        targetFramework: words[lang].isced,
        targetCode: f.field.code,
        targetName: pick(f.field.name, lang),
        targetUrl: ISCED_URL,
      },
      {
        type: ["Alignment"],
        targetType: "ext:FrameworkLevel",
        targetFramework: words[lang].framework,
        targetCode: String(f.level),
        targetName: pick(f.levelLabel, lang),
        targetUrl: `${base}/${lang}/resources?level=${f.level}`,
      },
    ],
    ...(!f.scored
      ? {}
      : {
          resultDescription: [
            {
              id: `${id}#score`,
              type: ["ResultDescription"],
              name: words[lang].score,
              resultType: "Percent",
              valueMin: "0",
              valueMax: "100",
              ...(f.resource.minScore === null
                ? {}
                : { requiredValue: String(f.resource.minScore) }),
            },
          ],
        }),
    ...(otherTitle
      ? {
          related: [
            {
              id: pageOf(otherLang),
              type: ["Related"],
              "@language": otherLang,
              version: String(f.resource.version),
              name: otherTitle,
              ...(otherSummary ? { description: otherSummary } : {}),
            },
          ],
        }
      : {}),
  };
}

/** What a credential's template depends on: the course as bought, in the learner's language. */
export type TemplateFacts = Pick<
  CredentialFacts,
  "language" | "allianceName" | "institution" | "resource" | "creditsX100" | "level"
> &
  Pick<CredentialFacts, "levelLabel" | "field"> & { scored: boolean };

export function templateFactsOf(f: CredentialFacts): TemplateFacts {
  const { language, allianceName, institution, resource, creditsX100, level, levelLabel, field } =
    f;
  return {
    language,
    allianceName,
    institution,
    resource,
    creditsX100,
    level,
    levelLabel,
    field,
    scored: f.scoreX100 !== null,
  };
}

/**
 * The part of a credential every learner of one course version (in one language) shares: the
 * envelope and the achievement. Stored once (lib/credentials/stored.ts).
 */
export function credentialTemplate(t: TemplateFacts) {
  const achievement = achievementOf(t);
  return {
    "@context": [VC_CONTEXT, OB_CONTEXT],
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: achievement.name,
    description: achievement.description as string,
    issuer: {
      id: issuerId(),
      type: ["Profile"],
      name: pick(t.allianceName, t.language),
      url: baseUrl(),
    },
    credentialSubject: { type: ["AchievementSubject"], achievement },
    credentialSchema: [{ id: OB_SCHEMA, type: "1EdTechJsonSchemaValidator2019" }],
  };
}
export type CredentialTemplate = ReturnType<typeof credentialTemplate>;
