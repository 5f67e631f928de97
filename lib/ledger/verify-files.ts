import fs from "node:fs";
import path from "node:path";
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from "jose";
import { canonicalJson } from "@/lib/api/canonical-json";
import { publicJwk } from "@/lib/keys";
import {
  checkpointFileSchema,
  checkpointHash,
  checkpointPayloadSchema,
  entryListHash,
  FIRST_PREV_CHECKPOINT_HASH,
  type CheckpointPayload,
} from "./checkpoint-format";
import { ledgerRoot } from "./merkle";

export type CheckpointProblemKind =
  | "bad-format"
  | "unknown-kid"
  | "bad-signature"
  | "payload-mismatch"
  | "missing-checkpoint"
  | "missing-file"
  | "broken-prev-link"
  | "root-mismatch"
  | "count-mismatch"
  | "entry-list-mismatch"
  | "entries-mismatch";

export type CheckpointProblem = {
  checkpoint: number | null;
  file: string;
  problem: CheckpointProblemKind;
  detail: string;
};

export type CheckpointSummary = {
  number: number;
  file: string;
  kid: string;
  createdAt: string;
  accounts: number;
  entries: number;
  root: string;
};

/**
 * What the trusted files recorded, per account: the concatenated hex hashes of seq 1..n (64
 * characters each), so a million entry hashes take 64 MB rather than a million objects.
 */
export type Recorded = Map<string, string>;

export type FilesResult = {
  checkpoints: CheckpointSummary[];
  problems: CheckpointProblem[];
  recorded: Recorded;
  // The last checkpoint whose file, and every one before it, verified; its hashes are used.
  trustedThrough: number | null;
};

class FileProblem extends Error {
  constructor(
    readonly problem: CheckpointProblemKind,
    detail: string,
  ) {
    super(detail);
  }
}

async function verifySignature(jws: string, keys: Map<string, JWK>): Promise<CheckpointPayload> {
  let header;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw new FileProblem("bad-format", "the JWS header cannot be read");
  }
  if (header.alg !== "EdDSA")
    throw new FileProblem("bad-signature", `alg ${header.alg} is not EdDSA`);
  const jwk = typeof header.kid === "string" ? keys.get(header.kid) : undefined;
  if (!jwk) throw new FileProblem("unknown-kid", `no public key with kid "${header.kid}"`);
  let bytes: Uint8Array;
  try {
    const key = await importJWK({ ...jwk, alg: "EdDSA" }, "EdDSA");
    bytes = (await compactVerify(jws, key, { algorithms: ["EdDSA"] })).payload;
  } catch (e) {
    throw new FileProblem(
      "bad-signature",
      `the signature does not verify (${(e as Error).message})`,
    );
  }
  const parsed = checkpointPayloadSchema.safeParse(
    (() => {
      try {
        return JSON.parse(Buffer.from(bytes).toString("utf8"));
      } catch {
        return null;
      }
    })(),
  );
  if (!parsed.success)
    throw new FileProblem("bad-format", "the signed payload is not a checkpoint");
  return parsed.data as CheckpointPayload;
}

/**
 * Check one directory of checkpoint files with public keys only (docs/LEDGER.md §5): signatures,
 * numbering, the links between checkpoints, roots, counts, and that each file's entries lead from
 * the previous leaves to its own. Trust ends at the first file that fails; later files are still
 * checked and reported.
 */
export async function checkCheckpointFiles(dir: string, publicKeys: JWK[]): Promise<FilesResult> {
  // Private members, if a caller passed a full set, are dropped: verifying needs none.
  const keys = new Map(publicKeys.map((k) => [k.kid!, publicJwk(k)]));
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((n) => /^\d+\.json$/.test(n))
        .sort()
    : [];
  const result: FilesResult = {
    checkpoints: [],
    problems: [],
    recorded: new Map(),
    trustedThrough: null,
  };
  let trusted = true;
  let prevJws: string | null = null;
  let prevNumber = 0;
  let leaves = new Map<string, { seq: number; head: string }>();
  for (const name of names) {
    const file = path.join(dir, name);
    // The name's number until the JWS says otherwise, so even an unreadable file is named.
    let number: number | null = Number.parseInt(name, 10);
    let fileLeaves: Map<string, { seq: number; head: string }> | null = null;
    try {
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch {
        throw new FileProblem("bad-format", "not JSON");
      }
      const f = checkpointFileSchema.safeParse(raw);
      if (!f.success) throw new FileProblem("bad-format", "not a checkpoint file");
      const { jws, leaves: listed, entries } = f.data;
      fileLeaves = new Map(listed.map((l) => [l.account, { seq: l.seq, head: l.head }]));
      // The links are checked against whatever came before, even a file that failed: one bad
      // file is reported once, not again by every file after it.
      number = claimedNumber(jws) ?? number;
      const expectedNumber = prevNumber + 1;
      const expectedPrev = prevJws === null ? FIRST_PREV_CHECKPOINT_HASH : checkpointHash(prevJws);
      prevJws = jws;
      prevNumber = number ?? expectedNumber;
      const payload = await verifySignature(jws, keys);
      result.checkpoints.push({
        number: payload.number,
        file,
        kid: String(decodeProtectedHeader(jws).kid),
        createdAt: payload.createdAt,
        accounts: payload.accounts,
        entries: payload.entries,
        root: payload.root,
      });
      if (payload.number !== expectedNumber) {
        throw new FileProblem(
          "missing-checkpoint",
          `checkpoint ${expectedNumber} is missing before ${payload.number}`,
        );
      }
      if (payload.prevCheckpointHash !== expectedPrev) {
        throw new FileProblem(
          "broken-prev-link",
          "prevCheckpointHash is not the hash of the previous checkpoint's JWS",
        );
      }
      if (canonicalJson(f.data.checkpoint) !== canonicalJson(payload)) {
        throw new FileProblem(
          "payload-mismatch",
          "the readable copy differs from the signed payload",
        );
      }
      let root: string;
      try {
        root = ledgerRoot(listed);
      } catch (e) {
        throw new FileProblem("bad-format", (e as Error).message);
      }
      if (root !== payload.root)
        throw new FileProblem("root-mismatch", `the leaves give root ${root}`);
      const total = listed.reduce((n, l) => n + l.seq, 0);
      if (payload.accounts !== listed.length || payload.entries !== total) {
        throw new FileProblem("count-mismatch", `${listed.length} leaves holding ${total} entries`);
      }
      if (entryListHash(entries) !== payload.entryListHash) {
        throw new FileProblem("entry-list-mismatch", "the entries listed are not the ones signed");
      }
      checkEntriesLead(leaves, fileLeaves, entries);
      if (trusted) {
        for (const e of entries) {
          result.recorded.set(e.account, (result.recorded.get(e.account) ?? "") + e.hash);
        }
        result.trustedThrough = payload.number;
      }
    } catch (e) {
      if (!(e instanceof FileProblem)) throw e;
      trusted = false;
      result.problems.push({ checkpoint: number, file, problem: e.problem, detail: e.message });
    }
    if (fileLeaves) leaves = fileLeaves;
  }
  return result;
}

/** The number a JWS claims, read without verifying: only to name a file that fails. */
function claimedNumber(jws: string): number | null {
  try {
    const p = JSON.parse(Buffer.from(jws.split(".")[1]!, "base64url").toString("utf8"));
    return Number.isSafeInteger(p?.number) ? (p.number as number) : null;
  } catch {
    return null;
  }
}

/** A file's entries must take every account from its previous leaf exactly to its new one. */
function checkEntriesLead(
  before: Map<string, { seq: number; head: string }>,
  after: Map<string, { seq: number; head: string }>,
  entries: { account: string; seq: number; hash: string }[],
): void {
  const reached = new Map<string, { seq: number; hash: string }>();
  let last = "";
  for (const e of entries) {
    if (e.account < last)
      throw new FileProblem("entries-mismatch", "entries are not sorted by account");
    last = e.account;
    const at = reached.get(e.account) ?? { seq: before.get(e.account)?.seq ?? 0, hash: "" };
    if (e.seq !== at.seq + 1) {
      throw new FileProblem(
        "entries-mismatch",
        `account ${e.account}: seq ${e.seq} follows ${at.seq}`,
      );
    }
    reached.set(e.account, { seq: e.seq, hash: e.hash });
  }
  for (const [account, was] of before) {
    if (!after.has(account))
      throw new FileProblem("entries-mismatch", `account ${account} lost its leaf`);
    if (
      !reached.has(account) &&
      (after.get(account)!.seq !== was.seq || after.get(account)!.head !== was.head)
    ) {
      throw new FileProblem("entries-mismatch", `account ${account} changed without entries`);
    }
  }
  for (const [account, leaf] of after) {
    const end =
      reached.get(account) ??
      (before.has(account)
        ? { seq: before.get(account)!.seq, hash: before.get(account)!.head }
        : null);
    if (!end || end.seq !== leaf.seq || end.hash !== leaf.head) {
      throw new FileProblem(
        "entries-mismatch",
        `account ${account}: the entries do not end at its leaf`,
      );
    }
  }
}
