import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ledgerRoot, leafHash, merkleRoot, nodeHash, splitPoint } from "./merkle";

// The Certificate Transparency reference vectors for RFC 6962 (the leaves of its merkle tests
// and MTH of their first n, n = 1..8), published in many independent implementations.
const CT_LEAVES = [
  "",
  "00",
  "10",
  "2021",
  "3031",
  "40414243",
  "5051525354555657",
  "606162636465666768696a6b6c6d6e6f",
].map((h) => Buffer.from(h, "hex"));
const CT_ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest();
const L = (i: number) => leafHash(CT_LEAVES[i]!);
const N = nodeHash;
const hex = (b: Buffer) => b.toString("hex");

describe("[LEDGER] RFC 6962 Merkle Tree Hash", () => {
  it("hashes the empty tree to SHA-256 of nothing", () => {
    expect(merkleRoot([])).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("prefixes leaves with 0x00 and nodes with 0x01 (second-preimage separation)", () => {
    expect(hex(leafHash(Buffer.from("ab", "hex")))).toBe(hex(sha(Buffer.from("00ab", "hex"))));
    const a = Buffer.alloc(32, 1);
    const b = Buffer.alloc(32, 2);
    expect(hex(nodeHash(a, b))).toBe(hex(sha(Buffer.concat([Buffer.of(1), a, b]))));
    // A one-leaf tree is its leaf hash, not the raw SHA-256 of the leaf.
    expect(merkleRoot([CT_LEAVES[1]!])).not.toBe(hex(sha(CT_LEAVES[1]!)));
  });

  it("reproduces the Certificate Transparency roots for 1 to 8 leaves", () => {
    for (let n = 1; n <= 8; n++)
      expect(merkleRoot(CT_LEAVES.slice(0, n)), `n=${n}`).toBe(CT_ROOTS[n - 1]);
  });

  it("splits at the largest power of two below n", () => {
    expect([2, 3, 4, 5, 6, 7, 8, 9, 16, 17].map(splitPoint)).toEqual([
      1, 2, 2, 4, 4, 4, 4, 8, 8, 16,
    ]);
  });

  it("keeps the unbalanced right edge as RFC 6962 does: 3 leaves", () => {
    // MTH(d0,d1,d2) = N(N(L0,L1), L2): the lone right leaf is promoted, never paired with itself.
    expect(merkleRoot(CT_LEAVES.slice(0, 3))).toBe(hex(N(N(L(0), L(1)), L(2))));
    expect(merkleRoot(CT_LEAVES.slice(0, 3))).not.toBe(hex(N(N(L(0), L(1)), N(L(2), L(2)))));
  });

  it("keeps the unbalanced right edge: 5 leaves", () => {
    const left = N(N(L(0), L(1)), N(L(2), L(3)));
    expect(merkleRoot(CT_LEAVES.slice(0, 5))).toBe(hex(N(left, L(4))));
  });

  it("keeps the unbalanced right edge: 7 leaves", () => {
    const left = N(N(L(0), L(1)), N(L(2), L(3)));
    const right = N(N(L(4), L(5)), L(6));
    expect(merkleRoot(CT_LEAVES.slice(0, 7))).toBe(hex(N(left, right)));
    // Not the left-to-right pairing some implementations use (((45)6) is right, (4(56)) is not).
    expect(merkleRoot(CT_LEAVES.slice(0, 7))).not.toBe(hex(N(left, N(L(4), N(L(5), L(6))))));
  });

  it("handles a large tree without deep recursion", () => {
    const leaves = Array.from({ length: 20_001 }, (_, i) => Buffer.from(String(i)));
    expect(merkleRoot(leaves)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("[LEDGER] the ledger root over account leaves", () => {
  const a = "0a000000-0000-4000-8000-000000000000";
  const b = "0b000000-0000-4000-8000-000000000000";
  const head = "ab".repeat(32);

  it("hashes each leaf as the canonical JSON {account, head, seq}", () => {
    const leaf = { account: a, seq: 2, head };
    const bytes = Buffer.from(`{"account":"${a}","head":"${head}","seq":2}`);
    expect(ledgerRoot([leaf])).toBe(hex(leafHash(bytes)));
  });

  it("refuses leaves out of order or repeated rather than sorting them quietly", () => {
    expect(() =>
      ledgerRoot([
        { account: b, seq: 1, head },
        { account: a, seq: 1, head },
      ]),
    ).toThrow(/sorted/);
    expect(() =>
      ledgerRoot([
        { account: a, seq: 1, head },
        { account: a, seq: 2, head },
      ]),
    ).toThrow(/sorted/);
  });
});
