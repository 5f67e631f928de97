import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { rateLimits } from "@/db/schema";
import { GET as getMe } from "@/app/api/v1/me/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { authenticateApiRequest } from "@/lib/api/authenticate-request";
import { apiWriteRequest, withIdempotency } from "@/lib/api/idempotency";
import { revokeApiKey } from "@/lib/api/keys";
import { apiResult, apiRoute, readJsonBody } from "@/lib/api/respond";
import { API_RATE_LIMIT } from "@/lib/api/schemas";
import { apiRequest, institutionWithOwner, issueApiKey } from "../support/api-fixtures";

afterEach(() => {
  vi.useRealTimers();
});

async function errorOf(res: Response) {
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.message).toBe("string");
  return body.error;
}

describe("[API] GET /api/v1/me", () => {
  it("answers the key's institution and scopes", async () => {
    const { institution } = await institutionWithOwner();
    const key = await issueApiKey(institution.slug, ["resources:write", "catalogue:read"]);
    const res = await getMe(apiRequest("/api/v1/me", { key: key.key }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      institution: {
        slug: institution.slug,
        nameZh: institution.nameZh,
        nameEn: institution.nameEn,
      },
      scopes: ["catalogue:read", "resources:write"],
    });
  });

  it("401 with the JSON error shape for a missing, invalid or revoked key", async () => {
    const { institution, owner } = await institutionWithOwner();
    const key = await issueApiKey(institution.slug);
    await revokeApiKey(owner, { institutionSlug: institution.slug, keyId: key.id });
    const cases = [
      { req: apiRequest("/api/v1/me"), code: "UNAUTHENTICATED" },
      { req: apiRequest("/api/v1/me", { key: "not-a-key" }), code: "UNAUTHENTICATED" },
      { req: apiRequest("/api/v1/me", { key: key.key }), code: "UNAUTHENTICATED" },
    ];
    for (const c of cases) {
      const res = await getMe(c.req);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await errorOf(res)).code).toBe(c.code);
    }
  });

  it("429 with Retry-After once the key's requests in this window are used up", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-02T10:00:20Z") });
    const { institution } = await institutionWithOwner();
    const key = await issueApiKey(institution.slug);
    const db = await getDb();
    await db.insert(rateLimits).values({
      key: `api_key:${key.id}`,
      windowStart: new Date("2026-12-02T10:00:00Z"),
      count: API_RATE_LIMIT.limit - 1,
    });
    expect((await getMe(apiRequest("/api/v1/me", { key: key.key }))).status).toBe(200);
    const res = await getMe(apiRequest("/api/v1/me", { key: key.key }));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("40");
    expect((await errorOf(res)).code).toBe("RATE_LIMITED");
    // Another key of the same institution is not affected.
    const other = await issueApiKey(institution.slug);
    expect((await getMe(apiRequest("/api/v1/me", { key: other.key }))).status).toBe(200);
  });
});

describe("[API] GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document with the Partner API's paths", async () => {
    const res = getOpenApi();
    expect(res.status).toBe(200);
    const doc = JSON.parse(await res.text()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(Object.keys(doc.paths["/api/v1/catalogue"]!)).toEqual(["get"]);
    expect(Object.keys(doc.paths["/api/v1/resources/{idOrSlug}"]!)).toEqual(["get"]);
    expect(Object.keys(doc.paths["/api/v1/resources"]!)).toEqual(["post"]);
    expect(Object.keys(doc.paths["/api/v1/resources/{id}"]!)).toEqual(["patch"]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });
});

// The plumbing a write route is made of, end to end, on a handler defined here.
const createThing = apiRoute(async (req: Request) => {
  const actor = await authenticateApiRequest(req, "resources:write");
  const body = await readJsonBody(req);
  const result = await withIdempotency(apiWriteRequest(req, actor.keyId, body), async () => ({
    status: 201,
    body: { id: randomUUID(), received: body },
  }));
  return apiResult(result);
});

describe("[API] write plumbing", () => {
  it("authenticates, checks the scope, parses JSON, and replays a repeated Idempotency-Key", async () => {
    const { institution } = await institutionWithOwner();
    const writer = await issueApiKey(institution.slug, ["resources:write"]);
    const reader = await issueApiKey(institution.slug, ["catalogue:read"]);
    const post = (key: string, body: string, headers: Record<string, string> = {}) =>
      createThing(
        apiRequest("/api/v1/things", {
          key,
          method: "POST",
          body,
          headers: { "content-type": "application/json", ...headers },
        }),
      );

    const forbidden = await post(reader.key, "{}");
    expect(forbidden.status).toBe(403);
    expect((await errorOf(forbidden)).code).toBe("FORBIDDEN");

    const badJson = await post(writer.key, "{not json");
    expect(badJson.status).toBe(400);
    expect((await errorOf(badJson)).code).toBe("BAD_REQUEST");

    const idem = { "idempotency-key": randomUUID() };
    const first = await post(writer.key, '{"title":"A","n":1}', idem);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const again = await post(writer.key, '{ "n": 1, "title": "A" }', idem);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    const reused = await post(writer.key, '{"title":"B"}', idem);
    expect(reused.status).toBe(422);
    expect((await errorOf(reused)).code).toBe("UNPROCESSABLE");
  });
});
