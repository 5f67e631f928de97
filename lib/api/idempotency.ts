import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db, type DbOrTx } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { addSeconds, now } from "@/lib/clock";
import { AppError, isAppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { hashBody } from "./canonical-json";
import { errorBody } from "./respond";
import { idempotencyKeySchema } from "./schemas";

export type ApiWriteResult = { status: number; body: unknown };
export type IdempotentResult = ApiWriteResult & { replayed?: boolean };

const scopeOf = (apiKeyId: string) => `api_key:${apiKeyId}`;

const headerSchema = z.object({ "Idempotency-Key": idempotencyKeySchema });

// A conflict or a rate limit can clear up, so a retry must run again rather than replay them.
const isReplayableError = (e: AppError) =>
  e.status >= 400 && e.status < 500 && e.code !== "CONFLICT" && e.code !== "RATE_LIMITED";

/**
 * Run an API write at most once per (API key, Idempotency-Key) (PRODUCT.md §6). The same key
 * with the same body replays the stored answer; with another body it is 422; while the first
 * request still runs it is 409. Without a key the write simply runs.
 *
 * `run` gets the transaction of the write, and the stored answer is written in that same
 * transaction: the write and its recorded answer commit together or not at all.
 */
export async function withIdempotency(
  apiKeyId: string,
  idempotencyKey: string | null,
  body: unknown,
  run: (tx: DbOrTx) => Promise<ApiWriteResult>,
): Promise<IdempotentResult> {
  if (idempotencyKey === null) {
    const result = await (await getDb()).transaction((tx) => run(tx));
    return result;
  }
  const key = parseInput(headerSchema, { "Idempotency-Key": idempotencyKey })["Idempotency-Key"];
  const bodyHash = hashBody(body);
  const db = await getDb();
  // A second pass only when the row vanished between our two reads (its run failed and let go).
  for (let attempt = 0; attempt < 2; attempt++) {
    const [claimed] = await db
      .insert(idempotencyKeys)
      .values({
        scope: scopeOf(apiKeyId),
        key,
        fingerprint: bodyHash,
        state: "in_flight",
        createdAt: now(),
        lockedUntil: addSeconds(now(), 60),
        expiresAt: addSeconds(now(), 24 * 3600),
      })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed) return runOnce(db, apiKeyId, key, run);

    const [existing] = await db
      .select({
        bodyHash: idempotencyKeys.fingerprint,
        state: idempotencyKeys.state,
        status: idempotencyKeys.responseStatus,
        body: idempotencyKeys.responseBody,
      })
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scopeOf(apiKeyId)), eq(idempotencyKeys.key, key)));
    if (!existing) continue;
    if (existing.bodyHash !== bodyHash) {
      throw new AppError(
        "UNPROCESSABLE",
        "idempotency_key_reused",
        "This Idempotency-Key was already used with a different request body",
      );
    }
    if (existing.state === "done" && existing.status !== null) {
      return { status: existing.status, body: existing.body, replayed: true };
    }
    break;
  }
  throw new AppError(
    "CONFLICT",
    "idempotency_in_flight",
    "A request with this Idempotency-Key is still being processed; retry later",
  );
}

async function runOnce(
  db: Db,
  apiKeyId: string,
  key: string,
  run: (tx: DbOrTx) => Promise<ApiWriteResult>,
): Promise<ApiWriteResult> {
  const row = and(eq(idempotencyKeys.scope, scopeOf(apiKeyId)), eq(idempotencyKeys.key, key));
  let result: ApiWriteResult;
  try {
    result = await db.transaction(async (tx) => {
      const r = await run(tx);
      await store(tx, apiKeyId, key, r);
      return r;
    });
  } catch (e) {
    if (isAppError(e) && isReplayableError(e)) {
      await store(db, apiKeyId, key, { status: e.status, body: errorBody(e) });
    } else {
      // Nothing was written (or it rolled back): let a retry with the same key run again.
      await db
        .delete(idempotencyKeys)
        .where(and(row, eq(idempotencyKeys.state, "in_flight")))
        .catch((err: unknown) => console.error("could not release an idempotency key", err));
    }
    throw e;
  }
  return result;
}

async function store(db: DbOrTx, apiKeyId: string, key: string, result: ApiWriteResult) {
  await db
    .update(idempotencyKeys)
    .set({
      state: "done",
      responseStatus: result.status,
      responseBody: result.body ?? null,
      completedAt: now(),
    })
    .where(and(eq(idempotencyKeys.scope, scopeOf(apiKeyId)), eq(idempotencyKeys.key, key)));
}
