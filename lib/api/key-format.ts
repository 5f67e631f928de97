import { createHash, randomBytes } from "node:crypto";

// cbx_<8 hex>_<43 base64url>: the prefix tells keys apart in lists; the secret carries 256 bits.
const KEY_PATTERN = /^cbx_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;
// Longer than any key we issue: refuse without hashing whatever a client sends.
const MAX_HEADER_LENGTH = 200;

export type NewApiKey = { key: string; prefix: string; keyHash: string };

export function generateApiKey(): NewApiKey {
  const prefix = `cbx_${randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, keyHash: hashApiKey(key) };
}

/**
 * Plain SHA-256, not a password hash: the key is 256 random bits, so there is nothing to
 * brute-force, and a deterministic hash lets the unique index find the key in one lookup.
 */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function isWellFormedApiKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** The token of an `Authorization: Bearer <token>` header, or null when there is none. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header || header.length > MAX_HEADER_LENGTH) return null;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header.trim());
  return m?.[1] ?? null;
}
