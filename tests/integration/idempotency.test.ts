import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { idempotencyKeys, institutions } from "@/db/schema";
import {
  apiKeyScope,
  withIdempotency,
  type ApiWriteResult,
  type IdempotentRequest,
} from "@/lib/api/idempotency";
import { idempotencyFingerprint } from "@/lib/api/idempotency-request";
import { AppError } from "@/lib/errors";
import { appErrorOf, institutionWithOwner, issueApiKey } from "../support/api-fixtures";

let apiKeyId = "";
let otherApiKeyId = "";

beforeAll(async () => {
  const { institution } = await institutionWithOwner();
  apiKeyId = (await issueApiKey(institution.slug, ["resources:write"])).id;
  otherApiKeyId = (await issueApiKey(institution.slug, ["resources:write"])).id;
});

const ROUTE = "/api/v1/things";

/** A POST to ROUTE under an API key's scope (the first key unless told). */
function req(
  key: string | null,
  body: unknown,
  over: Partial<IdempotentRequest> = {},
): IdempotentRequest {
  return { scope: apiKeyScope(apiKeyId), key, method: "POST", route: ROUTE, body, ...over };
}

/** A `run` that counts its calls and answers 201 with a fresh id each time. */
function countingRun() {
  const run = vi.fn(async (): Promise<ApiWriteResult> => ({
    status: 201,
    body: { id: randomUUID(), title: "Created" },
  }));
  return run;
}

async function rowOf(key: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, `api_key:${apiKeyId}`), eq(idempotencyKeys.key, key)));
  return row;
}

describe("[API] idempotent writes", () => {
  it("without a key, every request runs", async () => {
    const run = countingRun();
    await withIdempotency(req(null, { a: 1 }), run);
    await withIdempotency(req(null, { a: 1 }), run);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("the same key and body run once; the retry gets the same status and body", async () => {
    const run = countingRun();
    const key = randomUUID();
    const body = { title: "Welding basics", offers: { learner: { amountMinor: 100 } }, n: [1, 2] };
    const first = await withIdempotency(req(key, body), run);
    // Same meaning, other key order: the same request.
    const reordered = {
      n: [1, 2],
      offers: { learner: { amountMinor: 100 } },
      title: "Welding basics",
    };
    const second = await withIdempotency(req(key, reordered), run);
    expect(run).toHaveBeenCalledTimes(1);
    expect(second).toEqual({ status: first.status, body: first.body, replayed: true });
    expect(await rowOf(key)).toMatchObject({ state: "done", responseStatus: 201 });
  });

  it("the same key with another body is 422, and runs nothing", async () => {
    const run = countingRun();
    const key = randomUUID();
    await withIdempotency(req(key, { title: "A" }), run);
    const err = await appErrorOf(withIdempotency(req(key, { title: "B" }), run));
    expect(err).toMatchObject({
      code: "UNPROCESSABLE",
      status: 422,
      reason: "idempotency_key_reused",
    });
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("a retry while the first request still runs is 409; afterwards it replays", async () => {
    // The first request's claim, committed before its write (as withIdempotency does): on PGlite
    // a request cannot be caught mid-write from the same process, so the state is made directly.
    const key = randomUUID();
    const db = await getDb();
    await db.insert(idempotencyKeys).values({
      scope: `api_key:${apiKeyId}`,
      key,
      fingerprint: idempotencyFingerprint({ method: "POST", route: ROUTE, body: { x: 1 } }),
      state: "in_flight",
      lockedUntil: new Date(Date.now() + 60_000),
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const run = countingRun();
    const err = await appErrorOf(withIdempotency(req(key, { x: 1 }), run));
    expect(err).toMatchObject({ code: "CONFLICT", status: 409, reason: "idempotency_in_flight" });
    // A different body is still 422, in flight or not.
    expect((await appErrorOf(withIdempotency(req(key, { x: 2 }), run))).status).toBe(422);
    await db
      .update(idempotencyKeys)
      .set({ state: "done", responseStatus: 200, responseBody: { ok: true } })
      .where(and(eq(idempotencyKeys.scope, `api_key:${apiKeyId}`), eq(idempotencyKeys.key, key)));
    expect(await withIdempotency(req(key, { x: 1 }), run)).toEqual({
      status: 200,
      body: { ok: true },
      replayed: true,
    });
    expect(run).not.toHaveBeenCalled();
  });

  it("the write and its recorded answer commit together: a failing write records nothing", async () => {
    const key = randomUUID();
    const db = await getDb();
    const marker = `idem-${key.slice(0, 8)}`;
    const failing = async (tx: DbOrTx): Promise<ApiWriteResult> => {
      await tx
        .insert(institutions)
        .values({ slug: marker, nameZh: "回滚", nameEn: "Rolled back", kind: "university" });
      throw new Error("crash after the write");
    };
    await expect(withIdempotency(req(key, { z: 1 }), failing)).rejects.toThrow(
      "crash after the write",
    );
    expect(await db.select().from(institutions).where(eq(institutions.slug, marker))).toEqual([]);
    expect(await rowOf(key)).toBeUndefined();
  });

  it("two concurrent requests with the same key run the write exactly once", async () => {
    for (let round = 0; round < 5; round++) {
      const key = randomUUID();
      const run = vi.fn(async (): Promise<ApiWriteResult> => {
        await new Promise((r) => setTimeout(r, 5));
        return { status: 201, body: { id: randomUUID() } };
      });
      const results = await Promise.allSettled([
        withIdempotency(req(key, { round }), run),
        withIdempotency(req(key, { round }), run),
      ]);
      expect(run).toHaveBeenCalledTimes(1);
      const ok = results.filter((r) => r.status === "fulfilled");
      const failed = results.filter((r) => r.status === "rejected");
      // The loser either saw it in flight (409) or, if the winner had finished, got the replay.
      for (const f of failed) expect((f.reason as AppError).status).toBe(409);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      const bodies = ok.map((r) => (r.value as ApiWriteResult).body);
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    }
  });

  it("a failure that is not an AppError lets a retry run again", async () => {
    const key = randomUUID();
    const broken = vi.fn(async (): Promise<ApiWriteResult> => {
      throw new Error("database went away");
    });
    await expect(withIdempotency(req(key, { y: 1 }), broken)).rejects.toThrow("went away");
    expect(await rowOf(key)).toBeUndefined();
    const run = countingRun();
    const retried = await withIdempotency(req(key, { y: 1 }), run);
    expect(run).toHaveBeenCalledTimes(1);
    expect(retried.status).toBe(201);
  });

  it("a 4xx AppError is stored and replayed; a conflict is not", async () => {
    const key = randomUUID();
    const refuse = vi.fn(async (): Promise<ApiWriteResult> => {
      throw new AppError("BAD_REQUEST", "validation", "Invalid input: level: too_long (max 10)", {
        fields: { level: { code: "too_long", max: 10 } },
      });
    });
    const err = await appErrorOf(withIdempotency(req(key, { level: 11 }), refuse));
    expect(err.status).toBe(400);
    const replay = await withIdempotency(req(key, { level: 11 }), countingRun());
    expect(replay).toEqual({
      status: 400,
      body: {
        error: {
          code: "BAD_REQUEST",
          message: "Invalid input: level: too_long (max 10)",
          details: { level: { code: "too_long", max: 10 } },
        },
      },
      replayed: true,
    });
    expect(refuse).toHaveBeenCalledTimes(1);

    const conflictKey = randomUUID();
    const conflict = vi.fn(async (): Promise<ApiWriteResult> => {
      throw new AppError("CONFLICT", "archived", "An archived resource cannot be edited");
    });
    await appErrorOf(withIdempotency(req(conflictKey, {}), conflict));
    const run = countingRun();
    expect((await withIdempotency(req(conflictKey, {}), run)).status).toBe(201);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("keys belong to one API key; bad Idempotency-Key values are 400", async () => {
    const key = randomUUID();
    const run = countingRun();
    await withIdempotency(req(key, { z: 1 }), run);
    await withIdempotency(req(key, { z: 2 }, { scope: apiKeyScope(otherApiKeyId) }), run);
    expect(run).toHaveBeenCalledTimes(2);

    for (const bad of ["", "   ", "x".repeat(201), "tab\there", "新的", "line\nbreak"]) {
      const err = await appErrorOf(withIdempotency(req(bad, {}), run));
      expect(err.code, JSON.stringify(bad)).toBe("BAD_REQUEST");
      expect(Object.keys(err.fields ?? {})).toEqual(["Idempotency-Key"]);
    }
    expect(run).toHaveBeenCalledTimes(2);
    await withIdempotency(req("x".repeat(200), {}), run);
    await withIdempotency(req("order 42 / retry-safe", {}), run);
    expect(run).toHaveBeenCalledTimes(4);
  });

  it("stores any JSON body faithfully, null and arrays included", async () => {
    const key = randomUUID();
    const body = { list: [1, "two", null, { three: 3 }], nested: { empty: {} }, none: null };
    await withIdempotency(req(key, {}), async () => ({ status: 200, body }));
    const replay = await withIdempotency(req(key, {}), countingRun());
    expect(replay.body).toEqual(body);
  });
});
