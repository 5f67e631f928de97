import { hashBody } from "@/lib/api/canonical-json";
import { joinCredential, type CredentialOwn } from "./build-own-part";
import {
  credentialTemplate,
  type AchievementCredential,
  type CredentialTemplate,
  type TemplateFacts,
} from "./payload";
import { baseUrl } from "./urls";

export type SharedTemplate = { hash: string; body: CredentialTemplate };

/*
 * A credential is stored as two parts: the learner's own (who, which result, when, which place
 * in the revocation list: `credentials.payload`) and the template every learner of one course
 * version shares in one language (the envelope and the ~2 KB achievement), stored once as a row
 * named by the SHA-256 of its RFC 8785 canonical JSON (`credential_templates`). A template never
 * changes meaning: a renamed institution makes a new one, and the old credentials keep theirs.
 * Writing the whole credential per learner was a fifth of the cost of recording a pass
 * (docs/BENCHMARKS.md, "Ledger deposits").
 */

// Templates met lately, by their facts: a pure function of them (and the base URL), so safe to
// keep across batches and databases — building and hashing one per pass showed in profiles.
const known = new Map<string, SharedTemplate>();
const MAX_KNOWN = 1_000;

/** The shared template of a credential with these facts, built and hashed once per process. */
export function templateFor(facts: TemplateFacts): SharedTemplate {
  const key = JSON.stringify([baseUrl(), facts]);
  let shared = known.get(key);
  if (!shared) {
    const body = credentialTemplate(facts);
    shared = { hash: hashBody(body), body };
    if (known.size >= MAX_KNOWN) known.clear();
    known.set(key, shared);
  }
  return shared;
}

/** The whole credential from its stored parts (one issued before 0011 is whole already). */
export function wholeCredential(payload: unknown, template: unknown): AchievementCredential {
  if (template == null) return payload as AchievementCredential;
  return joinCredential(template as CredentialTemplate, payload as CredentialOwn);
}
