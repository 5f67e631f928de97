import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import * as s from "@/db/schema";
import { entryHash, GENESIS_HASH, HASH_VERSION, type HashedEntry } from "@/lib/ledger/hash";

const PER_ACCOUNT = 10;

/** `n` well-formed entries, 10 per account, chained and hashed as the writer would. */
export async function seedChains(db: Db, n: number): Promise<void> {
  const accounts = n / PER_ACCOUNT;
  for (let a0 = 0; a0 < accounts; a0 += 500) {
    const batch = Math.min(500, accounts - a0);
    const users = await db
      .insert(s.users)
      .values(
        Array.from({ length: batch }, (_, i) => ({
          email: `chain-${a0 + i}-${randomUUID()}@bench.test`,
          name: "Bench",
          passwordHash: "x",
        })),
      )
      .returning({ id: s.users.id });
    const accs = await db
      .insert(s.learningAccounts)
      .values(users.map((u, i) => ({ userId: u.id, number: `BENCH-${a0 + i}-${u.id}` })))
      .returning({ id: s.learningAccounts.id });
    const rows = [];
    for (const acc of accs) {
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= PER_ACCOUNT; seq++) {
        const e: HashedEntry = {
          id: randomUUID(),
          accountId: acc.id,
          seq,
          prevHash: prev,
          hashVersion: HASH_VERSION,
          createdAt: new Date(),
          kind: "deposit",
          creditsX100: 100 + seq,
          level: 5,
          fieldCode: "041",
          sourceInstitutionId: null,
          actingInstitutionId: null,
          resourceId: null,
          resourceVersionId: null,
          enrolmentId: null,
          completionId: null,
          scoreX100: 8000,
          completedOn: "2026-11-30",
          titleZh: "管理会计学",
          titleEn: "Management Accounting",
          targetInstitutionId: null,
          targetCourseCode: null,
          creditCategory: null,
          ruleId: null,
          ruleVersion: null,
          reversesEntryId: null,
        };
        prev = entryHash(e);
        rows.push({ ...e, hash: prev });
      }
    }
    for (let i = 0; i < rows.length; i += 1000) {
      await db.insert(s.ledgerEntries).values(rows.slice(i, i + 1000));
    }
  }
}
