import { gunzipSync, gzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { credentials } from "@/db/schema";
import { now } from "@/lib/clock";
import { STATUS_LIST_SIZE } from "./issue";
import { signVcJwt } from "./jwt";
import { VC_CONTEXT } from "./payload";
import { issuerId, revocationListUrl } from "./urls";

/**
 * W3C Bitstring Status List (revocation only; suspension shows on /verify and in the API, since
 * OB 3.0's schema allows one status entry per credential). Bit i is the (i mod 8)-th most
 * significant bit of byte ⌊i / 8⌋; the list is GZIP-compressed and multibase base64url
 * encoded ("u" prefix, no padding).
 */
export function encodeStatusList(indexes: Iterable<number>, size = STATUS_LIST_SIZE): string {
  const bits = new Uint8Array(Math.ceil(size / 8));
  for (const i of indexes) {
    if (!Number.isInteger(i) || i < 0 || i >= size) throw new RangeError(`No place ${i} in list`);
    bits[i >> 3]! |= 0x80 >> (i & 7);
  }
  return `u${gzipSync(bits).toString("base64url")}`;
}

/** The bitstring of an `encodedList` (for verifiers and tests). */
export function decodeStatusList(encoded: string): Uint8Array {
  if (!encoded.startsWith("u")) throw new Error("Not multibase base64url");
  return new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), "base64url")));
}

export function isBitSet(bits: Uint8Array, i: number): boolean {
  return ((bits[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0;
}

/** The revocation list as a credential, built from the rows revoked now. */
export async function revocationListCredential() {
  const db = await getDb();
  const revoked = await db
    .select({ index: credentials.statusIndex })
    .from(credentials)
    .where(eq(credentials.status, "revoked"));
  const url = revocationListUrl();
  return {
    "@context": [VC_CONTEXT],
    id: url,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: issuerId(),
    validFrom: now().toISOString(),
    credentialSubject: {
      id: `${url}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: encodeStatusList(revoked.map((r) => r.index)),
    },
  };
}

/** The signed list: a VC-JWT like the credentials themselves (same key, same header). */
export async function revocationListJwt(): Promise<string> {
  const vc = await revocationListCredential();
  return signVcJwt(vc, new Date(vc.validFrom));
}
