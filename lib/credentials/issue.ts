import { randomInt, randomUUID } from "node:crypto";
import type { Tx } from "@/db";
import { credentials } from "@/db/schema";

// PLACEHOLDER (being replaced by the credentials work): the row only, no OB 3.0 payload yet.
export const STATUS_LIST_SIZE = 1 << 20;

export type IssueInput = {
  completionId: string;
  accountId: string;
  entryId: string | null;
  at: Date;
};

/** Issue the credential of a pass, in the completion's transaction. One per completion. */
export async function issueCredential(tx: Tx, input: IssueInput): Promise<{ id: string }> {
  for (;;) {
    const id = randomUUID();
    const rows = await tx
      .insert(credentials)
      .values({
        id,
        completionId: input.completionId,
        accountId: input.accountId,
        entryId: input.entryId,
        statusIndex: randomInt(STATUS_LIST_SIZE),
        payload: {},
        issuedAt: input.at,
        updatedAt: input.at,
      })
      .onConflictDoNothing({ target: credentials.statusIndex })
      .returning({ id: credentials.id });
    if (rows[0]) return rows[0];
  }
}
