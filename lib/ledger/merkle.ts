import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/api/canonical-json";

/**
 * The RFC 6962 Merkle Tree Hash (§2.1), as checkpoints use it (docs/LEDGER.md): a leaf is hashed
 * as SHA-256(0x00 || leaf), an inner node as SHA-256(0x01 || left || right), a tree of n > 1
 * leaves splits at k, the largest power of two below n (so the right edge of an unbalanced tree
 * is a smaller complete tree, never a duplicated leaf as in Bitcoin), and the empty tree's hash
 * is SHA-256 of nothing. Pure and synchronous: the writer and the verifier share it.
 */

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
};

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

export const leafHash = (leaf: Uint8Array): Buffer => sha256(LEAF, leaf);
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(NODE, left, right);

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over already leaf-hashed items [from, to). Recursion depth is log2(n). */
function treeHash(hashes: readonly Buffer[], from: number, to: number): Buffer {
  const n = to - from;
  if (n === 1) return hashes[from]!;
  const k = splitPoint(n);
  return nodeHash(treeHash(hashes, from, from + k), treeHash(hashes, from + k, to));
}

/** MTH(D[n]) of raw leaves, as a Buffer. */
export function merkleTreeHash(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return sha256();
  return treeHash(leaves.map(leafHash), 0, leaves.length);
}

/** MTH(D[n]) of raw leaves, lowercase hex. */
export const merkleRoot = (leaves: readonly Uint8Array[]): string =>
  merkleTreeHash(leaves).toString("hex");

/** One checkpoint leaf: an account's head after `seq` entries. */
export type Leaf = { account: string; seq: number; head: string };

/** A leaf's bytes: the UTF-8 of the RFC 8785 canonical JSON of {account, seq, head}. */
export const leafBytes = (l: Leaf): Buffer =>
  Buffer.from(canonicalJson({ account: l.account, seq: l.seq, head: l.head }), "utf8");

/**
 * The ledger's Merkle root over one leaf per account. The leaves must already be sorted by
 * account id (lowercase uuid text, compared as bytes) with no account twice: a verifier must
 * notice a file that breaks the order, so this refuses rather than sorting quietly.
 */
export function ledgerRoot(leaves: readonly Leaf[]): string {
  for (let i = 1; i < leaves.length; i++) {
    if (!(leaves[i - 1]!.account < leaves[i]!.account)) {
      throw new Error(`Leaves are not strictly sorted by account at index ${i}`);
    }
  }
  return merkleRoot(leaves.map(leafBytes));
}
