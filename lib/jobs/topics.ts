import { z } from "zod";

/**
 * Every kind of background work, with its payload and its queue settings. Payloads carry ids,
 * never content (a mail job names its mail row, so no reset link sits in the queue tables).
 *
 * Any queue delivers at least once: pg-boss runs a job again once its expiry passes (a crashed or
 * stalled worker), so each handler is idempotent by its own key and each expiry is set well above
 * the handler's worst case.
 */
export const topics = {
  "search.sync": {
    payload: z.object({ resourceId: z.uuid() }),
    // An external engine may be slow to answer a batch of documents.
    queue: { expireInSeconds: 300, retryLimit: 10, retryDelay: 5, retryDelayMax: 3600 },
    batchSize: 100,
  },
  "mail.send": {
    payload: z.object({ mailId: z.uuid() }),
    // nodemailer's own connection and greeting timeouts stay below a minute.
    queue: { expireInSeconds: 180, retryLimit: 8, retryDelay: 5, retryDelayMax: 3600 },
    batchSize: 10,
  },
  "payments.refund": {
    payload: z.object({ refundId: z.uuid() }),
    // A processor call with the refund row as idempotency key: a retry gets the same refund.
    queue: { expireInSeconds: 120, retryLimit: 10, retryDelay: 10, retryDelayMax: 3600 },
    batchSize: 10,
  },
  "payments.transfer": {
    payload: z.object({ transferId: z.uuid() }),
    queue: { expireInSeconds: 120, retryLimit: 10, retryDelay: 10, retryDelayMax: 3600 },
    batchSize: 10,
  },
  "payments.reverse": {
    payload: z.object({ refundId: z.uuid() }),
    queue: { expireInSeconds: 120, retryLimit: 10, retryDelay: 10, retryDelayMax: 3600 },
    batchSize: 10,
  },
  "orders.expire": {
    payload: z.object({}),
    queue: { expireInSeconds: 300, retryLimit: 3, retryDelay: 30, retryDelayMax: 600 },
    batchSize: 1,
  },
  "idempotency.purge": {
    payload: z.object({}),
    queue: { expireInSeconds: 600, retryLimit: 3, retryDelay: 60, retryDelayMax: 3600 },
    batchSize: 1,
  },
  // A first checkpoint of a large ledger lists every entry: give it time.
  "ledger.checkpoint": {
    payload: z.object({}),
    queue: { expireInSeconds: 900, retryLimit: 3, retryDelay: 60, retryDelayMax: 900 },
    batchSize: 1,
  },
  // Each account is its own short transaction: a retry after a crash picks up what is left.
  "ledger.expire": {
    payload: z.object({}),
    queue: { expireInSeconds: 900, retryLimit: 3, retryDelay: 60, retryDelayMax: 900 },
    batchSize: 1,
  },
} as const;

export type Topic = keyof typeof topics;
export type Payload<T extends Topic> = z.infer<(typeof topics)[T]["payload"]>;
export const topicNames = Object.keys(topics) as Topic[];

/** Where jobs go once their retries are spent; the alliance admin sees and retries them. */
export const DEAD_LETTER_QUEUE = "dead-letter";
// Dead letters wait for a person: keep them for a year (pg-boss's own default is 14 days).
export const DEAD_LETTER_RETENTION_SECONDS = 365 * 24 * 3600;
// Completed jobs are purged by pg-boss's own retention after a day.
export const COMPLETED_RETENTION_SECONDS = 24 * 3600;

/** Recurring work: cron in the alliance's default zone. */
export const schedules: { topic: Topic; cron: string }[] = [
  { topic: "idempotency.purge", cron: "17 * * * *" },
  // Orders whose hold lapsed release it (sandbox and bank transfer; Stripe also says so).
  { topic: "orders.expire", cron: "* * * * *" },
  // A signed ledger checkpoint every hour, when there are new entries (docs/LEDGER.md §4).
  { topic: "ledger.checkpoint", cron: "41 * * * *" },
  // Lapsed deposits expire once a day, early in the alliance's morning (docs/LEDGER.md §2.3).
  { topic: "ledger.expire", cron: "23 2 * * *" },
];
