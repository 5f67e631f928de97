import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { compactVerify, importJWK, type JWK } from "jose";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/api/canonical-json";
import { publicJwk } from "@/lib/keys";
import {
  checkpointHash,
  entryListHash,
  payloadBytes,
  signCheckpoint,
  type CheckpointPayload,
  type EntryRef,
} from "./checkpoint-format";
import { entryHash, GENESIS_HASH, hashedObject, type HashedEntry } from "./hash";
import { leafBytes, leafHash, ledgerRoot, nodeHash, type Leaf } from "./merkle";

/**
 * docs/LEDGER.md's test vectors, parsed straight out of its ```json blocks and reproduced with
 * the code: if either changes alone, this fails.
 */
const doc = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/LEDGER.md"), "utf8");
type Vector = { vector: string; type: string } & Record<string, unknown>;
const vectors: Vector[] = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map(
  (m) => JSON.parse(m[1]!) as Vector,
);
const byName = new Map(vectors.map((v) => [v.vector, v]));
const ofType = (type: string) => vectors.filter((v) => v.type === type);

/** The database row a hashed object came from (the inverse of `hashedObject`). */
function rowOf(o: Record<string, unknown>): HashedEntry {
  const v = <T>(k: string) => o[k] as T;
  return {
    hashVersion: v("hashVersion"),
    id: v("id"),
    accountId: v("account"),
    seq: v("seq"),
    prevHash: v("prevHash"),
    createdAt: new Date(v<string>("createdAt")),
    kind: v("kind"),
    creditsX100: v("creditsX100"),
    level: v("level"),
    fieldCode: v("fieldCode"),
    sourceInstitutionId: v("sourceInstitution"),
    actingInstitutionId: v("actingInstitution"),
    resourceId: v("resource"),
    resourceVersionId: v("resourceVersion"),
    enrolmentId: v("enrolment"),
    completionId: v("completion"),
    scoreX100: v("scoreX100"),
    completedOn: v("completedOn"),
    titleZh: v("titleZh"),
    titleEn: v("titleEn"),
    targetInstitutionId: v("targetInstitution"),
    targetCourseCode: v("targetCourseCode"),
    creditCategory: v("creditCategory"),
    ruleId: v("ruleId"),
    ruleVersion: v("ruleVersion"),
    reversesEntryId: v("reverses"),
  };
}

describe("[LEDGER] docs/LEDGER.md test vectors", () => {
  it("the document holds every kind of vector the brief asks for", () => {
    expect(vectors.map((v) => v.vector)).toEqual([
      "entry-1",
      "entry-2",
      "entry-3",
      "chain-head",
      "entry-nfc",
      "merkle-5-accounts",
      "merkle-empty",
      "checkpoint-1",
    ]);
  });

  it.each(ofType("entry").map((v) => [v.vector, v] as const))(
    "%s: the hashed object, its canonical JSON and its hash",
    (_, v) => {
      const entry = v.entry as Record<string, unknown>;
      const row = rowOf(entry);
      // Exactly the members the code hashes, in the documented order: a new hashed field, or
      // one dropped, fails here until the document says so.
      expect(Object.keys(entry)).toEqual(Object.keys(hashedObject(row)));
      expect(row.createdAt.toISOString()).toBe(entry.createdAt);
      expect(canonicalJson(hashedObject(row))).toBe(v.canonical);
      expect(entryHash(row)).toBe(v.hash);
    },
  );

  it("entry-nfc really is written out of NFC, and hashes as its NFC form", () => {
    const entry = byName.get("entry-nfc")!.entry as Record<string, string>;
    expect(entry.titleEn).not.toBe(entry.titleEn!.normalize("NFC"));
    expect(entry.titleEn).toContain("e\u0301");
    const composed = rowOf({
      ...entry,
      titleEn: entry.titleEn!.normalize("NFC"),
      creditCategory: entry.creditCategory!.normalize("NFC"),
    });
    expect(entryHash(composed)).toBe(byName.get("entry-nfc")!.hash);
    expect(byName.get("entry-nfc")!.canonical).toContain('"titleEn":"Caf\u00e9 Culture');
  });

  it("chain-head: the entries link by prevHash from the genesis, ending at the head", () => {
    const v = byName.get("chain-head")!;
    const chain = (v.entries as string[]).map((n) => byName.get(n)!);
    let prev = GENESIS_HASH;
    chain.forEach((e, i) => {
      const entry = e.entry as Record<string, unknown>;
      expect(entry.seq).toBe(i + 1);
      expect(entry.prevHash).toBe(prev);
      expect(entry.account).toBe((v.head as Leaf).account);
      prev = entryHash(rowOf(entry));
    });
    expect(v.head).toEqual({ account: (v.head as Leaf).account, seq: chain.length, head: prev });
    // The reversal cites the first deposit.
    expect((chain[2]!.entry as Record<string, unknown>).reverses).toBe(
      (chain[0]!.entry as Record<string, unknown>).id,
    );
  });

  it.each(ofType("merkle").map((v) => [v.vector, v] as const))(
    "%s: leaf bytes, leaf hashes, inner nodes and root",
    (_, v) => {
      const leaves = v.leaves as Leaf[];
      expect(leaves.map((l) => leafBytes(l).toString("utf8"))).toEqual(v.leafBytes);
      const hashes = leaves.map((l) => leafHash(leafBytes(l)));
      expect(hashes.map((h) => h.toString("hex"))).toEqual(v.leafHashes);
      const nodes = v.nodes as Record<string, string>;
      if (leaves.length === 5) {
        const n02 = nodeHash(hashes[0]!, hashes[1]!);
        const n24 = nodeHash(hashes[2]!, hashes[3]!);
        const n04 = nodeHash(n02, n24);
        expect(nodes).toEqual({
          "0-2": n02.toString("hex"),
          "2-4": n24.toString("hex"),
          "0-4": n04.toString("hex"),
        });
        expect(nodeHash(n04, hashes[4]!).toString("hex")).toBe(v.root);
      }
      expect(ledgerRoot(leaves)).toBe(v.root);
    },
  );

  it("merkle-5-accounts includes the heads of the two chains above", () => {
    const leaves = byName.get("merkle-5-accounts")!.leaves as Leaf[];
    expect(leaves).toContainEqual(byName.get("chain-head")!.head);
    const nfc = byName.get("entry-nfc")!;
    expect(leaves).toContainEqual({
      account: (nfc.entry as Record<string, unknown>).account,
      seq: 1,
      head: nfc.hash,
    });
  });

  it("checkpoint-1: root, entry list hash, payload bytes, a byte-identical JWS and the next link", async () => {
    const v = byName.get("checkpoint-1")!;
    const leaves = v.leaves as Leaf[];
    const entries = v.entries as EntryRef[];
    const payload = v.payload as CheckpointPayload;
    expect(ledgerRoot(leaves)).toBe(payload.root);
    expect(entryListHash(entries)).toBe(payload.entryListHash);
    expect(entryListHash(entries)).toBe(
      createHashHex(canonicalJson(entries.map((e) => ({ ...e })))),
    );
    expect(payload.accounts).toBe(leaves.length);
    expect(payload.entries).toBe(leaves.reduce((n, l) => n + l.seq, 0));
    expect(payload.prevCheckpointHash).toBe(GENESIS_HASH);
    expect(payloadBytes(payload).toString("utf8")).toBe(v.payloadCanonical);
    // The entry hashes are those of the entry vectors.
    for (const e of entries) {
      const source = ofType("entry").find(
        (x) =>
          (x.entry as Record<string, unknown>).account === e.account &&
          (x.entry as Record<string, unknown>).seq === e.seq,
      );
      expect(source?.hash).toBe(e.hash);
    }

    const testKey = v.testKey as JWK;
    const key = (await importJWK({ ...testKey, alg: "EdDSA" }, "EdDSA")) as CryptoKey;
    const jws = await signCheckpoint(payload, { kid: testKey.kid!, key });
    expect(jws).toBe(v.jws);
    expect(Buffer.from(jws.split(".")[0]!, "base64url").toString()).toBe(v.protectedHeader);
    expect(checkpointHash(jws)).toBe(v.nextPrevCheckpointHash);

    // A verifier holding only the public key accepts it and reads back the payload.
    const pub = await importJWK({ ...publicJwk(testKey), alg: "EdDSA" }, "EdDSA");
    const verified = await compactVerify(v.jws as string, pub, { algorithms: ["EdDSA"] });
    expect(JSON.parse(Buffer.from(verified.payload).toString("utf8"))).toEqual(payload);
  });
});

function createHashHex(text: string): string {
  // Independent of entryListHash's item-by-item hashing: one string, one digest.
  return createHash("sha256").update(text, "utf8").digest("hex");
}
