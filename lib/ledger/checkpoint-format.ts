import { createHash } from "node:crypto";
import { CompactSign } from "jose";
import { z } from "zod";
import { canonicalJson } from "@/lib/api/canonical-json";
import { GENESIS_HASH, sha256Hex } from "./hash";
import type { Leaf } from "./merkle";

/**
 * The checkpoint and its exported file, version 1 (docs/LEDGER.md §3–4). Pure: the writer, the
 * exporter and the verifier share it, and docs/LEDGER.md's test vectors are reproduced with it.
 */
export const CHECKPOINT_VERSION = 1;
export const CHECKPOINT_FILE_FORMAT = "credit-bank-ledger-checkpoint";
/** The link of checkpoint 1, which has no predecessor. */
export const FIRST_PREV_CHECKPOINT_HASH = GENESIS_HASH;

export type CheckpointPayload = {
  version: 1;
  number: number;
  prevCheckpointHash: string;
  accounts: number;
  entries: number;
  root: string;
  entryListHash: string;
  createdAt: string;
};

/** One entry written since the previous checkpoint, as the file records it. */
export type EntryRef = { account: string; seq: number; hash: string };

export type CheckpointFile = {
  format: typeof CHECKPOINT_FILE_FORMAT;
  version: 1;
  checkpoint: CheckpointPayload;
  jws: string;
  leaves: Leaf[];
  entries: EntryRef[];
};

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
// Lowercase only: leaves are ordered by the uuid's text, so "A" and "a" must not both occur.
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const seq = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1);

export const checkpointPayloadSchema = z.strictObject({
  version: z.literal(1),
  number: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
  prevCheckpointHash: hex64,
  accounts: count,
  entries: count,
  root: hex64,
  entryListHash: hex64,
  createdAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
});

/** What a verifier accepts from a file it was handed (it trusts only what the JWS signs). */
export const checkpointFileSchema = z.object({
  format: z.literal(CHECKPOINT_FILE_FORMAT),
  version: z.literal(1),
  checkpoint: z.unknown(),
  jws: z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/),
  leaves: z.array(z.strictObject({ account: uuid, seq, head: hex64 })),
  entries: z.array(z.strictObject({ account: uuid, seq, hash: hex64 })),
});

/** The JWS payload: the UTF-8 bytes of the payload's RFC 8785 canonical JSON. */
export const payloadBytes = (p: CheckpointPayload): Buffer => Buffer.from(canonicalJson(p), "utf8");

/** `prevCheckpointHash` of the next checkpoint: SHA-256 of this one's compact JWS (ASCII). */
export const checkpointHash = (jws: string): string => sha256Hex(Buffer.from(jws, "ascii"));

/**
 * SHA-256 of the canonical JSON of the file's `entries` array (sorted by account, then seq).
 * Computed item by item: the bytes are exactly "[" + items joined by "," + "]", without building
 * one string of a first checkpoint's hundred thousand entries.
 */
export function entryListHash(entries: readonly EntryRef[]): string {
  const h = createHash("sha256");
  h.update("[");
  entries.forEach((e, i) => {
    if (i > 0) h.update(",");
    h.update(canonicalJson({ account: e.account, seq: e.seq, hash: e.hash }), "utf8");
  });
  h.update("]");
  return h.digest("hex");
}

/** The compact JWS (EdDSA, Ed25519): protected header exactly {"alg":"EdDSA","kid":…}. */
export async function signCheckpoint(
  payload: CheckpointPayload,
  key: { kid: string; key: CryptoKey },
): Promise<string> {
  return new CompactSign(payloadBytes(payload))
    .setProtectedHeader({ alg: "EdDSA", kid: key.kid })
    .sign(key.key);
}

export const checkpointFileName = (n: number): string => `${String(n).padStart(8, "0")}.json`;

/**
 * The file's text: JSON, one leaf or entry per line so a diff or a grep of two exports reads
 * well. Any JSON serialisation is valid; verifiers must not depend on this layout.
 */
export function formatCheckpointFile(f: CheckpointFile): string {
  const line = (v: unknown) => JSON.stringify(v);
  const list = (items: readonly unknown[]) =>
    items.length === 0 ? "[]" : `[\n    ${items.map(line).join(",\n    ")}\n  ]`;
  const c = f.checkpoint;
  const checkpoint = {
    version: c.version,
    number: c.number,
    prevCheckpointHash: c.prevCheckpointHash,
    accounts: c.accounts,
    entries: c.entries,
    root: c.root,
    entryListHash: c.entryListHash,
    createdAt: c.createdAt,
  };
  return [
    "{",
    `  "format": ${line(f.format)},`,
    `  "version": ${line(f.version)},`,
    `  "checkpoint": ${JSON.stringify(checkpoint, null, 2).replace(/\n/g, "\n  ")},`,
    `  "jws": ${line(f.jws)},`,
    `  "leaves": ${list(f.leaves.map((l) => ({ account: l.account, seq: l.seq, head: l.head })))},`,
    `  "entries": ${list(f.entries.map((e) => ({ account: e.account, seq: e.seq, hash: e.hash })))}`,
    "}",
    "",
  ].join("\n");
}
