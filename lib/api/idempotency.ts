import { and, eq, lt, lte, or } from "drizzle-orm";
import { getDb, type Db, type DbOrTx } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { addSeconds, now } from "@/lib/clock";
import { AppError, isAppError } from "@/lib/errors";
import {
  IDEMPOTENCY_LOCK_SECONDS,
  IDEMPOTENCY_RETENTION_SECONDS,
  parseIdempotentRequest,
  type IdempotentRequest,
  type ParsedRequest,
} from "./idempotency-request";
import { errorBody } from "./respond";

export {
  apiKeyScope,
  apiWriteRequest,
  purgeExpiredIdempotencyKeys,
  userScope,
  webhookScope,
  type IdempotencyScope,
  type IdempotentRequest,
} from "./idempotency-request";

export type ApiWriteResult = { status: number; body: unknown };
export type IdempotentResult = ApiWriteResult & { replayed?: boolean };

/** A claim on a key; `lockedUntil` tells this claim from a later one that took the key over. */
type Claim = { scope: string; key: string; lockedUntil: Date };

// A conflict or a rate limit can clear up, so a retry must run again rather than replay them.
const isReplayableError = (e: AppError) =>
  e.status >= 400 && e.status < 500 && e.code !== "CONFLICT" && e.code !== "RATE_LIMITED";

const inFlight = (message: string) => new AppError("CONFLICT", "idempotency_in_flight", message);

/**
 * Run a write at most once per (scope, key) (PRODUCT.md §6). The same key with the same
 * fingerprint (method, route, body) replays the stored answer; with another fingerprint it is 422;
 * while the first request still runs it is 409. A claim left in flight by a crashed request is
 * taken over once its lock has run out, and a key past its expiry counts as never used. Without
 * a key the write simply runs.
 *
 * `run` gets the transaction of the write, and the stored answer is written in that same
 * transaction, only while this request still holds the claim: the write and its recorded answer
 * commit together or not at all, and never twice.
 */
export async function withIdempotency(
  request: IdempotentRequest,
  run: (tx: DbOrTx) => Promise<ApiWriteResult>,
): Promise<IdempotentResult> {
  if (request.key === null) {
    const result = await (await getDb()).transaction((tx) => run(tx));
    return result;
  }
  const parsed = parseIdempotentRequest({ ...request, key: request.key });
  const db = await getDb();
  // Another pass only when the row changed between our reads (its run failed, or it expired).
  for (let attempt = 0; attempt < 3; attempt++) {
    const claim = (await claimNew(db, parsed)) ?? (await takeOver(db, parsed));
    if (claim) return runClaimed(db, claim, run);

    const [existing] = await db
      .select({
        fingerprint: idempotencyKeys.fingerprint,
        state: idempotencyKeys.state,
        status: idempotencyKeys.responseStatus,
        body: idempotencyKeys.responseBody,
        expiresAt: idempotencyKeys.expiresAt,
      })
      .from(idempotencyKeys)
      .where(rowOf(parsed));
    if (!existing || existing.expiresAt <= now()) continue;
    if (existing.fingerprint !== parsed.fingerprint) {
      throw new AppError(
        "UNPROCESSABLE",
        "idempotency_key_reused",
        "This Idempotency-Key was already used for a different request (method, path or body)",
      );
    }
    if (existing.state === "done" && existing.status !== null) {
      return { status: existing.status, body: existing.body, replayed: true };
    }
    break;
  }
  throw inFlight("A request with this Idempotency-Key is still being processed; retry later");
}

const rowOf = (r: { scope: string; key: string }) =>
  and(eq(idempotencyKeys.scope, r.scope), eq(idempotencyKeys.key, r.key));

function freshClaim(r: ParsedRequest) {
  const at = now();
  return {
    fingerprint: r.fingerprint,
    state: "in_flight" as const,
    responseStatus: null,
    responseBody: null,
    createdAt: at,
    completedAt: null,
    lockedUntil: addSeconds(at, IDEMPOTENCY_LOCK_SECONDS),
    expiresAt: addSeconds(at, IDEMPOTENCY_RETENTION_SECONDS),
  };
}

/** The first request with this key claims it (committed at once, so others see it in flight). */
async function claimNew(db: Db, r: ParsedRequest): Promise<Claim | null> {
  const values = freshClaim(r);
  const [row] = await db
    .insert(idempotencyKeys)
    .values({ scope: r.scope, key: r.key, ...values })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return row ? { scope: r.scope, key: r.key, lockedUntil: values.lockedUntil } : null;
}

/**
 * Take over, in one statement, a claim abandoned in flight by the same request (its lock ran
 * out), or a key past its expiry. Of two requests racing for it, the row lock lets one win; the
 * other re-reads the row, finds a live claim, and answers 409.
 */
async function takeOver(db: Db, r: ParsedRequest): Promise<Claim | null> {
  const at = now();
  const values = freshClaim(r);
  const [row] = await db
    .update(idempotencyKeys)
    .set(values)
    .where(
      and(
        rowOf(r),
        or(
          and(
            eq(idempotencyKeys.state, "in_flight"),
            lt(idempotencyKeys.lockedUntil, at),
            eq(idempotencyKeys.fingerprint, r.fingerprint),
          ),
          lte(idempotencyKeys.expiresAt, at),
        ),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return row ? { scope: r.scope, key: r.key, lockedUntil: values.lockedUntil } : null;
}

const held = (c: Claim) =>
  and(
    rowOf(c),
    eq(idempotencyKeys.state, "in_flight"),
    eq(idempotencyKeys.lockedUntil, c.lockedUntil),
  );

async function runClaimed(
  db: Db,
  claim: Claim,
  run: (tx: DbOrTx) => Promise<ApiWriteResult>,
): Promise<ApiWriteResult> {
  let result: ApiWriteResult;
  try {
    result = await db.transaction(async (tx) => {
      const r = await run(tx);
      if (!(await store(tx, claim, r))) {
        // Our claim ran out and a retry took it over: that retry's write is the one that counts.
        throw inFlight("This request outlived its Idempotency-Key claim; retry to get the answer");
      }
      return r;
    });
  } catch (e) {
    if (isAppError(e) && isReplayableError(e)) {
      await store(db, claim, { status: e.status, body: errorBody(e) });
    } else {
      // Nothing was written (or it rolled back): let a retry with the same key run again.
      await db
        .delete(idempotencyKeys)
        .where(held(claim))
        .catch((err: unknown) => console.error("could not release an idempotency key", err));
    }
    throw e;
  }
  return result;
}

/** Record the answer, if the claim is still ours; false when it was taken over. */
async function store(db: DbOrTx, claim: Claim, result: ApiWriteResult): Promise<boolean> {
  const rows = await db
    .update(idempotencyKeys)
    .set({
      state: "done",
      responseStatus: result.status,
      responseBody: result.body ?? null,
      completedAt: now(),
    })
    .where(held(claim))
    .returning({ key: idempotencyKeys.key });
  return rows.length === 1;
}
