import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { learningAccounts } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { writeAudit } from "@/lib/audit";
import { lockRows } from "@/lib/db/lock-order";
import { parseInput } from "@/lib/validation";
import { ensureLearningAccount } from "./accounts";
import { nameOnCredentialsSchema } from "./schemas";

/**
 * The learner's choice to show their name on credentials issued from now on (PRODUCT.md §7:
 * the name only if the learner opts in). Credentials already issued keep what they were signed
 * with. Only the viewer's own account can be changed: there is no account id in the input.
 */
export async function setNameOnCredentials(
  viewer: Viewer,
  input: unknown,
): Promise<{ nameOnCredentials: boolean }> {
  const { show } = parseInput(nameOnCredentialsSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const account = await ensureLearningAccount(tx, viewer.userId);
    await lockRows(tx, "account", learningAccounts, [account.id]);
    const [before] = await tx
      .select({ nameOnCredentials: learningAccounts.nameOnCredentials })
      .from(learningAccounts)
      .where(eq(learningAccounts.id, account.id));
    if (before?.nameOnCredentials === show) return { nameOnCredentials: show };
    await tx
      .update(learningAccounts)
      .set({ nameOnCredentials: show })
      .where(eq(learningAccounts.id, account.id));
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "learning_account.name_on_credentials",
      targetType: "learning_account",
      targetId: account.id,
      before: { nameOnCredentials: !show },
      after: { nameOnCredentials: show },
    });
    return { nameOnCredentials: show };
  });
}
