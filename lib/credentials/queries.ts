import "server-only";
import { isDeepStrictEqual } from "node:util";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import {
  completions,
  credentialTemplates,
  credentials,
  enrolments,
  fieldsOfStudy,
  frameworkLevels,
  institutions,
  learningAccounts,
  ledgerEntries,
  resourceVersions,
  type CredentialStatus,
} from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { notFound } from "@/lib/errors";
import { credentialJwt, verifyVcJwt } from "./jwt";
import type { AchievementCredential } from "./payload";
import { wholeCredential } from "./stored";
import { isCredentialId, verifyUrl } from "./urls";

/** GET /api/v1/credentials/{id}: what anyone holding the id may read. */
export type CredentialAnswer = {
  id: string;
  status: CredentialStatus;
  jwt: string;
  credential: Record<string, unknown>;
  verifyUrl: string;
  issuedAt: string;
};

export async function getCredentialAnswer(id: string): Promise<CredentialAnswer | null> {
  if (!isCredentialId(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: credentials.id,
      status: credentials.status,
      payload: credentials.payload,
      template: credentialTemplates.body,
      issuedAt: credentials.issuedAt,
    })
    .from(credentials)
    .leftJoin(credentialTemplates, eq(credentialTemplates.hash, credentials.templateHash))
    .where(eq(credentials.id, id));
  if (!row) return null;
  const jwt = await credentialJwt(row.id);
  if (!jwt) return null;
  return {
    id: row.id,
    status: row.status,
    jwt,
    credential: wholeCredential(row.payload, row.template),
    verifyUrl: verifyUrl(row.id),
    issuedAt: row.issuedAt.toISOString(),
  };
}

type Bilingual = { zh: string; en: string };

/** What /verify/<id> shows: no e-mail, no account; the name only if the learner opted in. */
export type CredentialVerification = {
  id: string;
  status: CredentialStatus;
  // The JWT verifies with our published keys and carries exactly the stored credential.
  isGenuine: boolean;
  issuedAt: Date;
  title: Bilingual;
  institution: Bilingual;
  creditsX100: number;
  level: number;
  levelLabel: Bilingual;
  field: { code: string; name: Bilingual };
  completedOn: string;
  holderName: string | null;
  entry: { seq: number; hash: string } | null;
};

export async function getCredentialVerification(
  id: string,
): Promise<CredentialVerification | null> {
  if (!isCredentialId(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: credentials.id,
      status: credentials.status,
      payload: credentials.payload,
      template: credentialTemplates.body,
      issuedAt: credentials.issuedAt,
      titleZh: resourceVersions.titleZh,
      titleEn: resourceVersions.titleEn,
      institutionZh: institutions.nameZh,
      institutionEn: institutions.nameEn,
      creditsX100: enrolments.creditsX100,
      level: enrolments.level,
      levelZh: frameworkLevels.labelZh,
      levelEn: frameworkLevels.labelEn,
      fieldCode: enrolments.fieldCode,
      fieldZh: fieldsOfStudy.nameZh,
      fieldEn: fieldsOfStudy.nameEn,
      completedOn: completions.completedOn,
      entrySeq: ledgerEntries.seq,
      entryHash: ledgerEntries.hash,
    })
    .from(credentials)
    .innerJoin(completions, eq(completions.id, credentials.completionId))
    .innerJoin(enrolments, eq(enrolments.id, completions.enrolmentId))
    .innerJoin(resourceVersions, eq(resourceVersions.id, enrolments.resourceVersionId))
    .innerJoin(institutions, eq(institutions.id, completions.institutionId))
    .innerJoin(frameworkLevels, eq(frameworkLevels.level, enrolments.level))
    .innerJoin(fieldsOfStudy, eq(fieldsOfStudy.code, enrolments.fieldCode))
    .leftJoin(ledgerEntries, eq(ledgerEntries.id, credentials.entryId))
    .leftJoin(credentialTemplates, eq(credentialTemplates.hash, credentials.templateHash))
    .where(eq(credentials.id, id));
  if (!row) return null;
  const payload = wholeCredential(row.payload, row.template);
  const name = payload.credentialSubject?.identifier?.find(
    (i) => i.identityType === "ext:displayName" && !i.hashed,
  );
  return {
    id: row.id,
    status: row.status,
    isGenuine: await isGenuine(row.id, payload),
    issuedAt: row.issuedAt,
    title: { zh: row.titleZh, en: row.titleEn },
    institution: { zh: row.institutionZh, en: row.institutionEn },
    creditsX100: row.creditsX100,
    level: row.level,
    levelLabel: { zh: row.levelZh, en: row.levelEn },
    field: { code: row.fieldCode, name: { zh: row.fieldZh, en: row.fieldEn } },
    completedOn: row.completedOn,
    holderName: name?.identityHash ?? null,
    entry:
      row.entrySeq !== null && row.entryHash !== null
        ? { seq: row.entrySeq, hash: row.entryHash }
        : null,
  };
}

async function isGenuine(id: string, stored: AchievementCredential): Promise<boolean> {
  const jwt = await credentialJwt(id);
  if (!jwt) return false;
  try {
    const claims = await verifyVcJwt(jwt);
    return (
      claims.jti === stored.id &&
      claims.iss === stored.issuer.id &&
      claims.sub === stored.credentialSubject.id &&
      isDeepStrictEqual(claims.vc, stored)
    );
  } catch {
    return false;
  }
}

/** The learner's own credential file (the signed VC-JWT); anyone else's is not found. */
export async function getOwnCredentialJwt(viewer: Viewer, id: string): Promise<string> {
  if (!isCredentialId(id)) throw notFound("No such credential");
  const db = await getDb();
  const [row] = await db
    .select({ id: credentials.id })
    .from(credentials)
    .innerJoin(learningAccounts, eq(learningAccounts.id, credentials.accountId))
    .where(and(eq(credentials.id, id), eq(learningAccounts.userId, viewer.userId)));
  const jwt = row ? await credentialJwt(row.id) : null;
  if (!jwt) throw notFound("No such credential");
  return jwt;
}
