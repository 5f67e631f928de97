import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import type { SearchDocument } from "./engine";
import { configureIndex, createMeilisearchEngine } from "./meilisearch";
import { type CatalogueQuery, catalogueQuerySchema } from "./query";

/*
 * No Meilisearch server here: global fetch is replaced by a fake that records each request and
 * answers like the server would, so the real client runs end to end (URL building, JSON
 * encoding, task polling, error responses) without a socket. The shared contract suite checks
 * behaviour against a real server when MEILISEARCH_URL is set.
 */

const HOST = "http://meili.test:7700";

type Sent = { method: string; url: string; body: unknown; headers: Headers };
type Answer = { status: number; body?: unknown };
let sent: Sent[] = [];
let answer: (req: Sent) => Answer | undefined;

const enqueued = (taskUid: number) => ({
  status: 202,
  body: { taskUid, indexUid: "resources", status: "enqueued", type: "x", enqueuedAt: "" },
});
const task = (uid: number, status: string, error: unknown = null) => ({
  status: 200,
  body: { uid, indexUid: "resources", status, type: "x", error, enqueuedAt: "" },
});
const apiError = (status: number, code: string, message: string) => ({
  status,
  body: { message, code, type: "invalid_request", link: "" },
});

// What a server answers when a test does not say otherwise.
function defaultAnswer(req: Sent): Answer {
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

beforeEach(() => {
  sent = [];
  answer = () => undefined;
  vi.stubGlobal("fetch", async (input: URL | string, init: RequestInit = {}) => {
    const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    const req = {
      method: init.method ?? "GET",
      url: String(input),
      body,
      headers: new Headers(init.headers),
    };
    sent.push(req);
    const a = answer(req) ?? defaultAnswer(req);
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), {
      status: a.status,
      headers: { "Content-Type": "application/json" },
    });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const query = (input: Record<string, unknown>): CatalogueQuery => catalogueQuerySchema.parse(input);
const engine = () => createMeilisearchEngine(HOST, "secret-key");

const emptyResult = {
  indexUid: "resources",
  hits: [],
  query: "",
  processingTimeMs: 1,
  totalHits: 0,
  totalPages: 0,
  page: 1,
};
// A multi-search answers each of its queries, in order.
const emptySearch = (req: Sent): Answer => ({
  status: 200,
  body: { results: (req.body as { queries: unknown[] }).queries.map(() => emptyResult) },
});

type SentQuery = Record<string, unknown>;
const queriesOf = (req: Sent | undefined) => (req?.body as { queries: SentQuery[] }).queries;

async function searchBody(input: Record<string, unknown>) {
  answer = emptySearch;
  await engine().search(query(input));
  return queriesOf(sent[0])[0]!;
}

const allFacets = [
  "kind",
  "fieldBroad",
  "level",
  "institutionSlug",
  "deliveryMode",
  "languages",
  "isFree",
];
const hitAttributes = [
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

describe("search request", () => {
  it("sends one multi-search: the page with every filter, then a facet query per selected facet", async () => {
    answer = emptySearch;
    await engine().search(
      query({
        q: "管理会计 Java",
        field: "04",
        levelMin: "3",
        levelMax: "6",
        creditsMin: "100",
        creditsMax: "400",
        priceMin: "0",
        priceMax: "50000",
        institution: "east-open-u",
        kind: "course",
        language: "zh",
        delivery: "online",
        free: "true",
        sort: "price_asc",
        page: "3",
        pageSize: "12",
      }),
    );

    expect(sent).toHaveLength(1);
    const [req] = sent;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe(`${HOST}/multi-search`);
    expect(req?.headers.get("authorization")).toBe("Bearer secret-key");
    const q = "管理会计 Java 管理 理会 会计";
    const ranges = [
      "level >= 3",
      "level <= 6",
      "creditsX100 >= 100",
      "creditsX100 <= 400",
      "priceMinor >= 0",
      "priceMinor <= 50000",
    ];
    const selections = {
      fieldBroad: 'fieldBroad = "04"',
      institutionSlug: 'institutionSlug = "east-open-u"',
      kind: 'kind = "course"',
      languages: 'languages = "zh"',
      deliveryMode: 'deliveryMode = "online"',
      isFree: "isFree = true",
    };
    const [main, ...facetQueries] = queriesOf(req);
    expect(main).toEqual({
      indexUid: "resources",
      q,
      filter: [selections.fieldBroad, ...ranges, ...Object.values(selections).slice(1)],
      sort: ["priceMinor:asc", "id:asc"],
      // Only the level facet has no selection: the others come from their own queries.
      facets: ["level"],
      attributesToRetrieve: hitAttributes,
      page: 3,
      hitsPerPage: 12,
    });
    // Each selected facet counted without its own selection, every other filter kept.
    const own = (attribute: keyof typeof selections) => ({
      indexUid: "resources",
      q,
      filter: (main!.filter as string[]).filter((f) => f !== selections[attribute]),
      facets: [attribute],
      page: 1,
      hitsPerPage: 0,
    });
    expect(facetQueries).toEqual([
      own("kind"),
      own("fieldBroad"),
      own("institutionSlug"),
      own("deliveryMode"),
      own("languages"),
      own("isFree"),
    ]);
  });

  it("sends a single query with all seven facets when nothing is selected", async () => {
    answer = emptySearch;
    await engine().search(query({ q: "acounting", creditsMin: "100" }));
    expect(queriesOf(sent[0])).toEqual([
      {
        indexUid: "resources",
        q: "acounting",
        filter: ["creditsX100 >= 100"],
        facets: allFacets,
        attributesToRetrieve: hitAttributes,
        page: 1,
        hitsPerPage: 20,
      },
    ]);
  });

  it("filters a 3-digit field on fieldCode and an exact level, both facet selections", async () => {
    answer = emptySearch;
    await engine().search(query({ field: "041", level: "5" }));
    const [main, fieldQuery, levelQuery] = queriesOf(sent[0]);
    expect(main?.filter).toEqual(['fieldCode = "041"', "level = 5"]);
    expect(main?.facets).toEqual([
      "kind",
      "institutionSlug",
      "deliveryMode",
      "languages",
      "isFree",
    ]);
    expect(fieldQuery).toMatchObject({ filter: ["level = 5"], facets: ["fieldBroad"] });
    expect(levelQuery).toMatchObject({ filter: ['fieldCode = "041"'], facets: ["level"] });
  });

  it("sends no filter for an open query and keeps Latin queries as typed", async () => {
    const body = await searchBody({ q: "acounting" });
    expect(body).toMatchObject({ q: "acounting", filter: [] });
  });

  it("filters free=false to paid resources, as the PostgreSQL engine does", async () => {
    const body = await searchBody({ free: "false" });
    expect(body.filter).toEqual(["isFree = false"]);
  });

  it("quotes string values so they cannot break out of the filter", async () => {
    answer = emptySearch;
    await engine().search({ ...query({}), institution: 'x" OR isFree = false OR kind = "y' });
    expect(queriesOf(sent[0])[0]?.filter).toEqual([
      'institutionSlug = "x\\" OR isFree = false OR kind = \\"y"',
    ]);
  });

  it.each([
    [{ q: "logistics" }, undefined],
    [{ q: "logistics", sort: "relevance" }, undefined],
    [{}, ["publishedAtMs:desc", "id:asc"]],
    [{ sort: "newest" }, ["publishedAtMs:desc", "id:asc"]],
    [{ sort: "price_desc" }, ["priceMinor:desc", "id:asc"]],
    [{ sort: "credits_asc" }, ["creditsX100:asc", "id:asc"]],
    [{ sort: "credits_desc" }, ["creditsX100:desc", "id:asc"]],
  ])("sorts %j as %j", async (input, sort) => {
    const body = await searchBody(input);
    expect(body.sort).toEqual(sort);
    if (sort === undefined) expect(body).not.toHaveProperty("sort");
  });
});

describe("search result", () => {
  const stored = {
    id: "r1",
    slug: "management-accounting",
    titleZh: "管理会计学",
    titleEn: "Management Accounting",
    summaryZh: "摘要",
    summaryEn: "Summary",
    institutionSlug: "east-open-u",
    institutionNameZh: "东部开放大学",
    institutionNameEn: "East Open University",
    kind: "course",
    creditsX100: 300,
    level: 5,
    fieldCode: "041",
  };

  it("maps hits, prices, totals and facets to our names", async () => {
    answer = () => ({
      status: 200,
      body: {
        results: [
          {
            indexUid: "resources",
            hits: [
              { ...stored, priceMinor: 19900 },
              { ...stored, id: "r2", priceMinor: null },
            ],
            query: "",
            processingTimeMs: 3,
            totalHits: 42,
            totalPages: 21,
            page: 2,
            hitsPerPage: 2,
            facetDistribution: {
              kind: { course: 40, micro_credential: 2 },
              institutionSlug: { "east-open-u": 42 },
              deliveryMode: { online: 42 },
              languages: { zh: 42, en: 10 },
              isFree: { false: 40, true: 2 },
            },
          },
        ],
      },
    });

    const res = await engine().search(query({ page: "2", pageSize: "2" }));
    expect(res.hits).toEqual([
      { ...stored, price: { amountMinor: 19900, currency: "CNY" } },
      { ...stored, id: "r2", price: null },
    ]);
    expect(res).toMatchObject({ total: 42, page: 2, pageSize: 2 });
    expect(res.facets).toEqual({
      kind: { course: 40, micro_credential: 2 },
      fieldBroad: {},
      level: {},
      institution: { "east-open-u": 42 },
      delivery: { online: 42 },
      language: { zh: 42, en: 10 },
      free: { false: 40, true: 2 },
    });
    expect(res.tookMs).toBeGreaterThanOrEqual(0);
  });

  it("takes each selected facet's counts from its own query, the rest from the page's", async () => {
    const result = (totalHits: number, facetDistribution: Record<string, unknown>) => ({
      ...emptyResult,
      totalHits,
      facetDistribution,
    });
    answer = () => ({
      status: 200,
      body: {
        results: [
          result(3, { level: { "5": 2, "6": 1 }, deliveryMode: { online: 3 } }),
          // kind without its selection: what choosing another kind instead would give.
          result(0, { kind: { course: 3, micro_credential: 9 } }),
          result(0, { institutionSlug: { "east-open-u": 3, "west-u": 5 } }),
        ],
      },
    });

    const res = await engine().search(query({ kind: "course", institution: "east-open-u" }));
    expect(queriesOf(sent[0]).map((x) => x.facets)).toEqual([
      ["fieldBroad", "level", "deliveryMode", "languages", "isFree"],
      ["kind"],
      ["institutionSlug"],
    ]);
    expect(res.total).toBe(3);
    expect(res.facets).toEqual({
      kind: { course: 3, micro_credential: 9 },
      fieldBroad: {},
      level: { "5": 2, "6": 1 },
      institution: { "east-open-u": 3, "west-u": 5 },
      delivery: { online: 3 },
      language: {},
      free: {},
    });
  });
});

const doc: SearchDocument = {
  id: "r1",
  versionId: "v1",
  slug: "management-accounting",
  kind: "course",
  titleZh: "管理会计学",
  titleEn: "Management Accounting",
  summaryZh: "会计基础",
  summaryEn: "Basics",
  outcomesText: "能编制预算",
  institutionSlug: "east-open-u",
  institutionNameZh: "东部开放大学",
  institutionNameEn: "East Open University",
  fieldCode: "041",
  fieldBroad: "04",
  level: 5,
  creditsX100: 300,
  priceMinor: null,
  isFree: false,
  languages: ["zh"],
  deliveryMode: "online",
  isFeatured: false,
  publishedAt: "2025-03-01T08:00:00.000Z",
};

describe("upsert and remove", () => {
  it("adds documents with primary key id, bigrams and a numeric date, then waits", async () => {
    await engine().upsert([doc]);

    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${HOST}/indexes/resources/documents?primaryKey=id`,
      `GET ${HOST}/tasks/7`,
    ]);
    expect(sent[0]?.body).toEqual([
      {
        ...doc,
        publishedAtMs: Date.UTC(2025, 2, 1, 8),
        // titleZh, summaryZh (会计 again: once), outcomesText, institutionNameZh.
        cjkBigrams: [
          ...["管理", "理会", "会计", "计学"],
          ...["计基", "基础"],
          ...["能编", "编制", "制预", "预算"],
          ...["东部", "部开", "开放", "放大", "大学"],
        ],
      },
    ]);
  });

  it("deletes by id and waits", async () => {
    await engine().remove(["r1", "r2"]);
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${HOST}/indexes/resources/documents/delete-batch`,
      `GET ${HOST}/tasks/8`,
    ]);
    expect(sent[0]?.body).toEqual(["r1", "r2"]);
  });

  it("sends nothing for empty batches", async () => {
    await engine().upsert([]);
    await engine().remove([]);
    expect(sent).toEqual([]);
  });

  it("fails when the task fails", async () => {
    answer = (r) =>
      r.url.endsWith("/tasks/7")
        ? task(7, "failed", { code: "invalid_document_id", message: "bad id", type: "", link: "" })
        : undefined;
    await expect(engine().upsert([doc])).rejects.toThrow(
      "Meilisearch document upsert task 7 failed: invalid_document_id: bad id",
    );
  });
});

describe("errors", () => {
  it("turns an API error into a plain Error, not bad input", async () => {
    answer = () => apiError(400, "invalid_search_filter", "Attribute `x` is not filterable.");
    const e = await engine()
      .search(query({}))
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(AppError);
    expect((e as Error).message).toBe(
      "Meilisearch search failed: Attribute `x` is not filterable.",
    );
  });

  it("says to re-index when the index is missing", async () => {
    answer = () => apiError(404, "index_not_found", "Index `resources` not found.");
    await expect(engine().search(query({}))).rejects.toThrow(
      'index "resources" does not exist (run the re-index command)',
    );
  });

  it("reports an unreachable server without the API key", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("fetch failed");
    });
    const e = (await engine()
      .remove(["r1"])
      .catch((err: unknown) => err)) as Error;
    expect(e.message).toMatch(/^Meilisearch document removal failed: Request to .* has failed$/);
    expect(e.message).not.toContain("secret-key");
  });
});

describe("configureIndex", () => {
  it("creates the index with primary key id and applies the settings", async () => {
    await configureIndex(HOST, "secret-key");
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${HOST}/indexes`,
      `GET ${HOST}/tasks/1`,
      `PATCH ${HOST}/indexes/resources/settings`,
      `GET ${HOST}/tasks/2`,
    ]);
    expect(sent[0]?.body).toEqual({ uid: "resources", primaryKey: "id" });
    expect(sent[2]?.body).toMatchObject({
      searchableAttributes: [
        "titleZh",
        "titleEn",
        "cjkBigrams",
        "summaryZh",
        "summaryEn",
        "outcomesText",
        "institutionNameZh",
        "institutionNameEn",
      ],
      sortableAttributes: ["publishedAtMs", "priceMinor", "creditsX100", "id"],
      typoTolerance: { enabled: true },
      faceting: { maxValuesPerFacet: 200 },
      pagination: { maxTotalHits: 10_000 },
    });
    expect(
      (sent[2]?.body as { filterableAttributes: string[] }).filterableAttributes.sort(),
    ).toEqual([
      "creditsX100",
      "deliveryMode",
      "fieldBroad",
      "fieldCode",
      "institutionSlug",
      "isFree",
      "kind",
      "languages",
      "level",
      "priceMinor",
    ]);
  });

  it("accepts an index that already exists", async () => {
    answer = (r) =>
      r.url.endsWith("/tasks/1")
        ? task(1, "failed", { code: "index_already_exists", message: "exists", type: "", link: "" })
        : undefined;
    await expect(configureIndex(HOST)).resolves.toBeUndefined();
    expect(sent.at(-2)?.method).toBe("PATCH");
    expect(sent[0]?.headers.has("authorization")).toBe(false);
  });

  it("fails when the settings cannot be applied", async () => {
    answer = (r) =>
      r.url.endsWith("/tasks/2")
        ? task(2, "failed", {
            code: "invalid_settings_faceting",
            message: "no",
            type: "",
            link: "",
          })
        : undefined;
    await expect(configureIndex(HOST)).rejects.toThrow(/settings update task 2 failed/);
  });
});
