import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { appendEntry } from "@/lib/ledger/append";

/** Set the credit standard's validity in years (null: credits never expire). */
export async function setValidity(years: number | null) {
  const db = await getDb();
  await db
    .update(s.creditStandard)
    .set({ creditValidityYears: years })
    .where(eq(s.creditStandard.id, 1));
}

/** A moment of an alliance (Asia/Shanghai, UTC+8) day: `shanghai("2032-03-11", "00:30")`. */
export const shanghai = (day: string, time = "12:00") => new Date(`${day}T${time}:00+08:00`);

/** A deposit completed on `completedOn`, written straight to the chain (no course behind it). */
export async function depositOn(accountId: string, completedOn: string, creditsX100 = 300) {
  const db = await getDb();
  return db.transaction((tx) =>
    appendEntry(tx, accountId, {
      kind: "deposit",
      creditsX100,
      level: 5,
      fieldCode: "061",
      sourceInstitutionId: randomUUID(),
      completionId: randomUUID(),
      scoreX100: 8000,
      completedOn,
      titleZh: "线性代数",
      titleEn: "Linear Algebra",
    }),
  );
}

/** The entries cancelling a deposit (reversals and expiries). */
export async function cancellersOf(depositId: string) {
  const db = await getDb();
  return db.select().from(s.ledgerEntries).where(eq(s.ledgerEntries.reversesEntryId, depositId));
}

export const kindsOf = async (depositId: string) =>
  (await cancellersOf(depositId)).map((e) => e.kind);
