import { lt } from "drizzle-orm";
import { getDb } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { now } from "@/lib/clock";
import { deliverMails } from "@/lib/mail";
import { syncResources } from "@/lib/search";
import type { JobHandlers } from "./run-batch";

/** What each topic does, registered explicitly (no module registers itself on import). */
export const jobHandlers: JobHandlers = {
  "search.sync": (payloads) => syncResources(payloads.map((p) => p.resourceId)),
  "mail.send": (payloads) => deliverMails(payloads.map((p) => p.mailId)),
  "idempotency.purge": async () => {
    const db = await getDb();
    await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now()));
  },
};
