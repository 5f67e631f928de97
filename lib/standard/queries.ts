import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { creditStandard, fieldsOfStudy, frameworkLevels } from "@/db/schema";

export async function getCreditStandard() {
  const db = await getDb();
  const [[standard], levels, fields] = await Promise.all([
    db.select().from(creditStandard).where(eq(creditStandard.id, 1)),
    db.select().from(frameworkLevels).orderBy(asc(frameworkLevels.level)),
    db.select().from(fieldsOfStudy).orderBy(asc(fieldsOfStudy.code)),
  ]);
  if (!standard) throw new Error("The credit standard row is missing: run the migrations");
  return { standard, levels, fields };
}
