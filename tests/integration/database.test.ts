import { describe, expect, it } from "vitest";
import { getDb, getDbKind } from "@/db";
import { creditStandard, fieldsOfStudy, frameworkLevels } from "@/db/schema";
import { checkHealth } from "@/lib/health";
import { migrateDatabase } from "@/db/migrate";

describe("[DB] migrations and the credit standard", () => {
  it("reports healthy with the driver in use", async () => {
    const kind = await getDbKind();
    expect(kind).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
    expect(await checkHealth()).toEqual({
      status: "ok",
      db: kind,
      search: "postgres",
      payments: "sandbox",
      jobs: { queued: expect.any(Number), deadLetters: expect.any(Number) },
    });
  });

  it("writes the standard's defaults: 10 levels, ISCED-F fields with the unknown code, CNY, 10% fee", async () => {
    const db = await getDb();
    const [standard] = await db.select().from(creditStandard);
    expect(standard).toMatchObject({
      hoursPerCredit: 16,
      currency: "CNY",
      allianceFeeBp: 1000,
      timeZone: "Asia/Shanghai",
      creditValidityYears: null,
    });
    const levels = await db.select().from(frameworkLevels);
    expect(levels.map((l) => l.level).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(levels.every((l) => l.labelZh && l.labelEn)).toBe(true);
    const fields = await db.select().from(fieldsOfStudy);
    expect(fields.find((f) => f.code === "999")).toMatchObject({ nameEn: "Field unknown" });
    expect(fields.find((f) => f.code === "061")).toMatchObject({ parentCode: "06" });
  });

  it("migrating again is harmless and the standard stays a single row", async () => {
    const db = await getDb();
    if ((await getDbKind()) === "pglite") await migrateDatabase(db, "pglite");
    const rows = await db.select().from(creditStandard);
    expect(rows).toHaveLength(1);
    await expect(db.insert(creditStandard).values({ id: 2 })).rejects.toThrow();
  });
});
