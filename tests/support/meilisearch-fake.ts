import { afterEach, beforeEach, vi } from "vitest";
import { createMeilisearchEngine } from "@/lib/search/meilisearch";
import { type CatalogueQuery, catalogueQuerySchema } from "@/lib/search/query";

/*
 * No Meilisearch server here: global fetch is replaced by a fake that records each request and
 * answers like the server would, so the real client runs end to end (URL building, JSON
 * encoding, task polling, error responses) without a socket. The shared contract suite checks
 * behaviour against a real server when MEILISEARCH_URL is set.
 */

export const HOST = "http://meili.test:7700";

export type Sent = { method: string; url: string; body: unknown; headers: Headers };
export type Answer = { status: number; body?: unknown };
/** What the fake saw, and how it answers next (a test sets `fake.answer`). */
export const fake: { sent: Sent[]; answer: (req: Sent) => Answer | undefined } = {
  sent: [],
  answer: () => undefined,
};

export const enqueued = (taskUid: number) => ({
  status: 202,
  body: { taskUid, indexUid: "resources", status: "enqueued", type: "x", enqueuedAt: "" },
});
export const task = (uid: number, status: string, error: unknown = null) => ({
  status: 200,
  body: { uid, indexUid: "resources", status, type: "x", error, enqueuedAt: "" },
});
export const apiError = (status: number, code: string, message: string) => ({
  status,
  body: { message, code, type: "invalid_request", link: "" },
});

// What a server answers when a test does not say otherwise.
export function defaultAnswer(req: Sent): Answer {
  const path = new URL(req.url).pathname;
  const taskUid = /^\/tasks\/(\d+)$/.exec(path)?.[1];
  if (taskUid) return task(Number(taskUid), "succeeded");
  if (req.method === "POST" && path === "/indexes/resources/documents") return enqueued(7);
  if (req.method === "POST" && path === "/indexes/resources/documents/delete-batch") {
    return enqueued(8);
  }
  if (req.method === "POST" && path === "/indexes") return enqueued(1);
  if (req.method === "PATCH" && path === "/indexes/resources/settings") return enqueued(2);
  throw new Error(`unexpected request ${req.method} ${req.url}`);
}

/** Replace global fetch with the fake around every test of the calling file. */
export function installFakeMeilisearch(): void {
  beforeEach(() => {
    fake.sent = [];
    fake.answer = () => undefined;
    vi.stubGlobal("fetch", async (input: URL | string, init: RequestInit = {}) => {
      const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
      const req = {
        method: init.method ?? "GET",
        url: String(input),
        body,
        headers: new Headers(init.headers),
      };
      fake.sent.push(req);
      const a = fake.answer(req) ?? defaultAnswer(req);
      return new Response(a.body === undefined ? null : JSON.stringify(a.body), {
        status: a.status,
        headers: { "Content-Type": "application/json" },
      });
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });
}

export const query = (input: Record<string, unknown>): CatalogueQuery =>
  catalogueQuerySchema.parse(input);
export const engine = () => createMeilisearchEngine(HOST, "secret-key");

export const emptyResult = {
  indexUid: "resources",
  hits: [],
  query: "",
  processingTimeMs: 1,
  totalHits: 0,
  totalPages: 0,
  page: 1,
};
// A multi-search answers each of its queries, in order.
export const emptySearch = (req: Sent): Answer => ({
  status: 200,
  body: { results: (req.body as { queries: unknown[] }).queries.map(() => emptyResult) },
});

export type SentQuery = Record<string, unknown>;
export const queriesOf = (req: Sent | undefined) => (req?.body as { queries: SentQuery[] }).queries;

export async function searchBody(input: Record<string, unknown>) {
  fake.answer = emptySearch;
  await engine().search(query(input));
  return queriesOf(fake.sent[0])[0]!;
}

export const allFacets = [
  "kind",
  "fieldBroad",
  "level",
  "institutionSlug",
  "deliveryMode",
  "languages",
  "isFree",
];
export const hitAttributes = [
  "id",
  "slug",
  "titleZh",
  "titleEn",
  "summaryZh",
  "summaryEn",
  "institutionSlug",
  "institutionNameZh",
  "institutionNameEn",
  "kind",
  "creditsX100",
  "level",
  "fieldCode",
  "priceMinor",
];
