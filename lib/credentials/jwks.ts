import type { JWK } from "jose";
import { publicKeys } from "@/lib/keys";
import { credentialKidUrl } from "./urls";

export type JwksDocument = { keys: JWK[] };

/**
 * The public keys we publish at /.well-known/jwks.json: every key of both purposes, retired ones
 * included, so whatever we ever signed keeps verifying. Credential keys carry the URL their JWT
 * headers name as `kid` (so a stock `createLocalJWKSet(document)` finds them); ledger keys keep
 * their plain kid, as the checkpoint files name it.
 */
export async function publishedJwks(): Promise<JwksDocument> {
  const [credential, ledger] = await Promise.all([publicKeys("credential"), publicKeys("ledger")]);
  return {
    keys: [...credential.map((k) => ({ ...k, kid: credentialKidUrl(k.kid!) })), ...ledger],
  };
}

/** The one credential key a kid URL names (its last segment, as routed), or null. */
export async function publishedCredentialKey(kidSegment: string): Promise<JWK | null> {
  const keys = await publicKeys("credential");
  // Next may hand the segment over decoded or not; a kid matches either way, never two keys.
  const key = keys.find((k) => k.kid === kidSegment || encodeURIComponent(k.kid!) === kidSegment);
  return key ? { ...key, kid: credentialKidUrl(key.kid!) } : null;
}
