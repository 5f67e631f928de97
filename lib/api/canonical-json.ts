import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { AppError } from "@/lib/errors";

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a value, for everything that is hashed or
 * signed (idempotency fingerprints now, ledger hashes and checkpoints next): keys sorted by UTF-16
 * code units at every depth, numbers written as ECMAScript does, no whitespace. The `canonicalize`
 * package does the RFC; strings and keys are first normalised to NFC here, so "é" typed as one
 * code point or as "e" + combining accent hashes the same. Like JSON.stringify, undefined object
 * members vanish and undefined array items become null.
 */

// No real request nests this deep; a hostile one is refused rather than walked.
const MAX_DEPTH = 64;

const refuse = (reason: string, message: string) => new AppError("BAD_REQUEST", reason, message);

/** A copy of `value` with every string and key in NFC (toJSON applied first, as JSON does). */
function normalised(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) {
    throw refuse("too_deep", `The JSON body nests deeper than ${MAX_DEPTH} levels`);
  }
  if (typeof value === "string") return value.normalize("NFC");
  if (value === null || typeof value !== "object") return value;
  const v = value as { toJSON?: () => unknown };
  if (typeof v.toJSON === "function") return normalised(v.toJSON(), depth);
  if (Array.isArray(value)) return value.map((item) => normalised(item, depth + 1));
  // A Map, then fromEntries: a "__proto__" key stays a plain member, as JSON.parse makes it.
  const out = new Map<string, unknown>();
  for (const [key, item] of Object.entries(value)) {
    const k = key.normalize("NFC");
    // Two keys equal once normalised would make the canonical form ambiguous.
    if (out.has(k)) {
      throw refuse("duplicate_key", `The JSON object has the key ${JSON.stringify(k)} twice`);
    }
    out.set(k, normalised(item, depth + 1));
  }
  return Object.fromEntries(out);
}

export function canonicalJson(value: unknown): string {
  const nfc = normalised(value, 0);
  let text: string | undefined;
  try {
    text = canonicalize(nfc);
  } catch (e) {
    // Lone surrogates, NaN and Infinity have no canonical form (RFC 8785 §3.2.2).
    throw refuse("not_canonical", `The value has no canonical JSON form: ${(e as Error).message}`);
  }
  return text ?? "null";
}

export function hashBody(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body)).digest("hex");
}
