import { getDb } from "@/db";
import { purgeExpiredIdempotencyKeys } from "@/lib/api/idempotency";
import { now } from "@/lib/clock";
import { deliverMails } from "@/lib/mail";
import { syncResources } from "@/lib/search";
import type { JobHandlers } from "./run-batch";

/** What each topic does, registered explicitly (no module registers itself on import). */
export const jobHandlers: JobHandlers = {
  "search.sync": (payloads) => syncResources(payloads.map((p) => p.resourceId)),
  "mail.send": (payloads) => deliverMails(payloads.map((p) => p.mailId)),
  "idempotency.purge": async () => {
    await purgeExpiredIdempotencyKeys(await getDb(), now());
  },
};
