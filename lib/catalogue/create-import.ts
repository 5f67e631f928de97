import { z } from "zod";
import { getDb } from "@/db";
import { catalogueImports } from "@/db/schema";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { withInstitution } from "@/lib/institutions/with-institution";

export const createImportSchema = z.strictObject({
  institutionSlug: z.string().trim().min(1).max(120),
  format: z.enum(["csv", "jsonl"]),
});

/**
 * Open an import: its id names every chunk sent for it, so a chunk sent twice (a retry after a
 * lost answer) creates nothing twice. A person uploads from the UI; an operator imports at the
 * command line or seeds (`source`).
 */
export async function createImport(
  actor: Actor,
  rawInput: unknown,
  source: "ui" | "cli" | "seed" = "ui",
): Promise<{ id: string }> {
  const input = parseInput(createImportSchema, rawInput);
  if ((actor.type === "user") !== (source === "ui") || actor.type === "api_key") {
    throw forbidden("This kind of import is not for you");
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const inst = await withInstitution(tx, actor, input.institutionSlug, "resources:edit");
    const [row] = await tx
      .insert(catalogueImports)
      .values({
        institutionId: inst.id,
        createdBy: actorUserId(actor),
        source,
        format: input.format,
      })
      .returning({ id: catalogueImports.id });
    return { id: row!.id };
  });
}
