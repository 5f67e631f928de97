import type { DbOrTx } from "@/db";
import { insertJsonRows } from "@/lib/db/json-rows";
import { auditLog } from "@/db/schema";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  institutionId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Write inside the transaction of the change it records, so neither exists without the other. */
export async function writeAudit(tx: DbOrTx, e: AuditEntry): Promise<void> {
  await writeAudits(tx, [e]);
}

/** Several entries in one statement (bulk import), in the caller's transaction. */
export async function writeAudits(tx: DbOrTx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await insertJsonRows(tx, auditLog, auditRows(entries));
}

/** The rows of audit entries, for a caller that writes them in a statement of its own. */
export function auditRows(entries: readonly AuditEntry[]): (typeof auditLog.$inferInsert)[] {
  return entries.map((e) => ({
    actorId: e.actorId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    institutionId: e.institutionId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  }));
}
