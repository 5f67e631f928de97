import { getDb } from "@/db";
import { purgeExpiredIdempotencyKeys } from "@/lib/api/idempotency";
import { now } from "@/lib/clock";
import { expireLapsedOrders } from "@/lib/commerce/expire";
import { writeCheckpoint } from "@/lib/ledger/checkpoint";
import { exportCheckpoints } from "@/lib/ledger/checkpoint-export";
import { expireLapsedDeposits } from "@/lib/ledger/expiry";
import { runRefunds } from "@/lib/commerce/refunds";
import { runReversals, runTransfers } from "@/lib/commerce/transfers";
import { deliverMails } from "@/lib/mail";
import { syncResources } from "@/lib/search";
import type { JobHandlers } from "./run-batch";

/** What each topic does, registered explicitly (no module registers itself on import). */
export const jobHandlers: JobHandlers = {
  "search.sync": (payloads) => syncResources(payloads.map((p) => p.resourceId)),
  "mail.send": (payloads) => deliverMails(payloads.map((p) => p.mailId)),
  "payments.refund": (payloads) => runRefunds(payloads.map((p) => p.refundId)),
  "payments.transfer": (payloads) => runTransfers(payloads.map((p) => p.transferId)),
  "payments.reverse": (payloads) => runReversals(payloads.map((p) => p.refundId)),
  "orders.expire": async () => {
    await expireLapsedOrders(now());
  },
  "idempotency.purge": async () => {
    await purgeExpiredIdempotencyKeys(await getDb(), now());
  },
  // Two runs at once (a retry overlapping) cannot fork: the loser answers "raced". A file the
  // last run could not write (its row committed) is written first.
  "ledger.checkpoint": async () => {
    await exportCheckpoints(await getDb(), undefined, { onlyMissing: true });
    await writeCheckpoint({ onlyIfNew: true });
  },
  // Two runs at once write one expiry per deposit: each re-checks under the account's lock.
  "ledger.expire": async () => {
    await expireLapsedDeposits(now());
  },
};
