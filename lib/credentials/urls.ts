import { getEnv } from "@/lib/env";

/**
 * The public addresses of credentials (docs/CREDENTIALS.md). They are written into signed
 * credentials, so they must never change shape: a verifier follows them years later.
 */

/** `PUBLIC_BASE_URL` without a trailing slash: the alliance, the issuer of every credential. */
export function baseUrl(): string {
  return getEnv().PUBLIC_BASE_URL.replace(/\/+$/, "");
}

export const issuerId = (): string => baseUrl();

/** The shareable page; without a language, proxy.ts sends the visitor to theirs. */
export const verifyUrl = (id: string): string => `${baseUrl()}/verify/${id}`;

export const REVOCATION_LIST_PATH = "/api/v1/credentials/status/revocation";
export const JWKS_PATH = "/.well-known/jwks.json";

/** The revocation list (a signed BitstringStatusListCredential). */
export const revocationListUrl = (): string => `${baseUrl()}${REVOCATION_LIST_PATH}`;

/** A credential key's `kid` as written in JWT headers: a URL answering exactly that one JWK. */
export const credentialKidUrl = (kid: string): string =>
  `${baseUrl()}/.well-known/jwks/${encodeURIComponent(kid)}`;

export const jwksUrl = (): string => `${baseUrl()}${JWKS_PATH}`;

export const accountUrn = (accountNumber: string): string => `urn:cbae:account:${accountNumber}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be a credential id at all (anything else is not found, never sent to SQL). */
export function isCredentialId(id: string): boolean {
  return UUID.test(id);
}
