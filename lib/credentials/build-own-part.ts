import { minorToDecimal } from "@/lib/money/minor-units";
import { activityEnd } from "./activity-end";
import {
  emailIdentityHash,
  hundredthsAsNumber,
  type AchievementCredential,
  type CredentialFacts,
  type CredentialTemplate,
  type IdentityObject,
} from "./payload";
import { accountUrn, revocationListUrl } from "./urls";

/*
 * The learner's own part of an Open Badges credential, and the whole credential from it and the
 * shared template (payload.ts builds the template; stored.ts keeps the two apart).
 */

/** The learner's own part of a credential: who, which result, when, which place in the list. */
export function credentialOwn(f: CredentialFacts, achievementId: string) {
  const identifier: IdentityObject[] = [
    {
      type: "IdentityObject",
      identityHash: emailIdentityHash(f.email, f.salt),
      identityType: "emailAddress",
      hashed: true,
      salt: f.salt,
    },
  ];
  if (f.displayName) {
    identifier.push({
      type: "IdentityObject",
      identityHash: f.displayName,
      identityType: "ext:displayName",
      hashed: false,
    });
  }
  const issued = f.issuedAt.toISOString();
  const listUrl = revocationListUrl();
  return {
    id: `urn:uuid:${f.id}`,
    validFrom: issued,
    issuanceDate: issued,
    credentialSubject: {
      id: accountUrn(f.accountNumber),
      identifier,
      ...(f.scoreX100 === null
        ? {}
        : {
            result: [
              {
                type: ["Result"],
                resultDescription: `${achievementId}#score`,
                value: minorToDecimal(f.scoreX100, 2, { trim: true }),
              },
            ],
          }),
      creditsEarned: hundredthsAsNumber(f.creditsX100),
      activityEndDate: activityEnd(f.completedOn, f.timeZone),
    },
    credentialStatus: {
      id: `${listUrl}#${f.statusIndex}`,
      type: "BitstringStatusListEntry" as const,
      statusPurpose: "revocation" as const,
      statusListIndex: String(f.statusIndex),
      statusListCredential: listUrl,
    },
  };
}
export type CredentialOwn = ReturnType<typeof credentialOwn>;

/** A whole credential from its template and the learner's own part. */
export function joinCredential(t: CredentialTemplate, own: CredentialOwn): AchievementCredential {
  return {
    ...t,
    ...own,
    credentialSubject: { ...t.credentialSubject, ...own.credentialSubject },
  };
}
