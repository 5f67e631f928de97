import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { idempotencyKeys, institutions } from "@/db/schema";
import {
  apiKeyScope,
  purgeExpiredIdempotencyKeys,
  userScope,
  webhookScope,
  withIdempotency,
  type ApiWriteResult,
  type IdempotentRequest,
} from "@/lib/api/idempotency";
import {
  IDEMPOTENCY_LOCK_SECONDS,
  IDEMPOTENCY_RETENTION_SECONDS,
  idempotencyFingerprint,
} from "@/lib/api/idempotency-request";
import { addSeconds, now } from "@/lib/clock";
import { appErrorOf, institutionWithOwner, issueApiKey } from "../support/api-fixtures";

let apiKeyId = "";
const ROUTE = "/api/v1/things";

beforeAll(async () => {
  const { institution } = await institutionWithOwner();
  apiKeyId = (await issueApiKey(institution.slug, ["resources:write"])).id;
});

afterEach(() => {
  vi.useRealTimers();
});

function req(key: string, body: unknown, over: Partial<IdempotentRequest> = {}) {
  const r: IdempotentRequest = {
    scope: apiKeyScope(apiKeyId),
    key,
    method: "POST",
    route: ROUTE,
    body,
  };
  return { ...r, ...over };
}

function countingRun() {
  return vi.fn(async (): Promise<ApiWriteResult> => ({ status: 201, body: { id: randomUUID() } }));
}

/** The claim a request leaves behind when its process dies after claiming, before committing. */
async function crashedClaim(key: string, body: unknown) {
  const db = await getDb();
  const at = now();
  await db.insert(idempotencyKeys).values({
    scope: apiKeyScope(apiKeyId),
    key,
    fingerprint: idempotencyFingerprint({ method: "POST", route: ROUTE, body }),
    state: "in_flight",
    createdAt: at,
    lockedUntil: addSeconds(at, IDEMPOTENCY_LOCK_SECONDS),
    expiresAt: addSeconds(at, IDEMPOTENCY_RETENTION_SECONDS),
  });
}

async function rowOf(key: string, scope = apiKeyScope(apiKeyId)) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return row;
}

const later = (seconds: number) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(addSeconds(new Date(), seconds));
};

describe("[API] idempotency keys: crashes, scopes, fingerprints, expiry", () => {
  it("a claim left in flight by a crashed request is taken over once its lock runs out", async () => {
    const key = randomUUID();
    await crashedClaim(key, { n: 1 });
    const run = countingRun();
    expect((await appErrorOf(withIdempotency(req(key, { n: 1 }), run))).status).toBe(409);

    later(IDEMPOTENCY_LOCK_SECONDS - 5);
    expect((await appErrorOf(withIdempotency(req(key, { n: 1 }), run))).status).toBe(409);
    vi.useRealTimers();

    later(IDEMPOTENCY_LOCK_SECONDS + 1);
    // Another request cannot take it over: a different body is still refused.
    expect((await appErrorOf(withIdempotency(req(key, { n: 2 }), run))).status).toBe(422);
    const taken = await withIdempotency(req(key, { n: 1 }), run);
    expect(taken.status).toBe(201);
    expect(run).toHaveBeenCalledTimes(1);
    expect(await rowOf(key)).toMatchObject({ state: "done", responseStatus: 201 });
    expect(await withIdempotency(req(key, { n: 1 }), run)).toEqual({ ...taken, replayed: true });
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("a slow request whose claim was taken over rolls its write back instead of writing twice", async () => {
    const key = randomUUID();
    const marker = `slow-${key.slice(0, 8)}`;
    const viaTx = async (tx: DbOrTx): Promise<ApiWriteResult> => {
      await tx
        .insert(institutions)
        .values({ slug: marker, nameZh: "慢", nameEn: "Slow", kind: "university" });
      await tx
        .update(idempotencyKeys)
        .set({ lockedUntil: addSeconds(now(), 3 * IDEMPOTENCY_LOCK_SECONDS) })
        .where(and(eq(idempotencyKeys.scope, apiKeyScope(apiKeyId)), eq(idempotencyKeys.key, key)));
      return { status: 201, body: { slug: marker } };
    };
    const err = await appErrorOf(withIdempotency(req(key, { s: 1 }), viaTx));
    expect(err).toMatchObject({ status: 409, reason: "idempotency_in_flight" });
    const db = await getDb();
    expect(await db.select().from(institutions).where(eq(institutions.slug, marker))).toEqual([]);
  });

  it("keys of different scopes never meet", async () => {
    const key = randomUUID();
    const run = countingRun();
    const scopes = [
      apiKeyScope(apiKeyId),
      apiKeyScope(randomUUID()),
      userScope(randomUUID()),
      webhookScope("stripe"),
      webhookScope("alipay"),
    ];
    for (const [i, scope] of scopes.entries()) {
      expect((await withIdempotency(req(key, { i }, { scope }), run)).status).toBe(201);
    }
    expect(run).toHaveBeenCalledTimes(scopes.length);
    // Each scope replays its own answer.
    const replay = await withIdempotency(
      req(key, { i: 3 }, { scope: webhookScope("stripe") }),
      run,
    );
    expect(replay.replayed).toBe(true);
    expect(run).toHaveBeenCalledTimes(scopes.length);
    expect(
      (await appErrorOf(withIdempotency(req("k1", {}, { scope: "team:1" as never }), run))).code,
    ).toBe("BAD_REQUEST");
  });

  it("the fingerprint covers method and route as well as the body", async () => {
    const key = randomUUID();
    const run = countingRun();
    await withIdempotency(req(key, { b: 1 }), run);
    const otherRoute = req(key, { b: 1 }, { route: `${ROUTE}/${randomUUID()}` });
    expect(await appErrorOf(withIdempotency(otherRoute, run))).toMatchObject({
      status: 422,
      reason: "idempotency_key_reused",
    });
    expect(
      (await appErrorOf(withIdempotency(req(key, { b: 1 }, { method: "PATCH" }), run))).status,
    ).toBe(422);
    // The method's case is not a difference.
    expect((await withIdempotency(req(key, { b: 1 }, { method: "post" }), run)).replayed).toBe(
      true,
    );
    expect(run).toHaveBeenCalledTimes(1);

    const fp = (over: object) =>
      idempotencyFingerprint({ method: "POST", route: ROUTE, body: { b: 1 }, ...over });
    expect(
      new Set([fp({}), fp({ method: "PUT" }), fp({ route: "/x" }), fp({ body: {} })]).size,
    ).toBe(4);
    expect(fp({ method: "post" })).toBe(fp({}));
  });

  it("an expired key counts as never used, and the purge deletes exactly the expired ones", async () => {
    const old = randomUUID();
    const run = countingRun();
    await withIdempotency(req(old, { v: 1 }), run);
    await crashedClaim(randomUUID(), { v: 2 }); // expires too, though still in flight
    later(IDEMPOTENCY_RETENTION_SECONDS + 1);
    const fresh = randomUUID();
    await withIdempotency(req(fresh, { v: 3 }), run);

    // Before any purge, reusing the expired key with another body runs as new.
    expect((await withIdempotency(req(old, { v: 9 }), run)).replayed).toBeUndefined();
    expect(run).toHaveBeenCalledTimes(3);
    expect(await rowOf(old)).toMatchObject({ state: "done" });

    const db = await getDb();
    const before = await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys);
    const purged = await purgeExpiredIdempotencyKeys(db, now());
    const after = await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys);
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(after.length).toBe(before.length - purged);
    expect(await rowOf(fresh)).toBeDefined();
    expect(await rowOf(old)).toBeDefined(); // renewed when it was reused
    expect(await purgeExpiredIdempotencyKeys(db, now())).toBe(0);
    expect(
      await purgeExpiredIdempotencyKeys(db, addSeconds(now(), IDEMPOTENCY_RETENTION_SECONDS)),
    ).toBe(after.length);
  });
});
