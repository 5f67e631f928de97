import { describe, expect, it } from "vitest";
import {
  HOST,
  allFacets,
  emptyResult,
  emptySearch,
  engine,
  fake,
  hitAttributes,
  query,
  queriesOf,
  searchBody,
  installFakeMeilisearch,
} from "@/tests/support/meilisearch-fake";

// The Meilisearch adapter against a fake server (tests/support/meilisearch-fake.ts).
installFakeMeilisearch();

describe("search request", () => {
  it("sends one multi-search: the page with every filter, then a facet query per selected facet", async () => {
    fake.answer = emptySearch;
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

    expect(fake.sent).toHaveLength(1);
    const [req] = fake.sent;
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
    fake.answer = emptySearch;
    await engine().search(query({ q: "acounting", creditsMin: "100" }));
    expect(queriesOf(fake.sent[0])).toEqual([
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
    fake.answer = emptySearch;
    await engine().search(query({ field: "041", level: "5" }));
    const [main, fieldQuery, levelQuery] = queriesOf(fake.sent[0]);
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
    fake.answer = emptySearch;
    await engine().search({ ...query({}), institution: 'x" OR isFree = false OR kind = "y' });
    expect(queriesOf(fake.sent[0])[0]?.filter).toEqual([
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
    fake.answer = () => ({
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
    fake.answer = () => ({
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
    expect(queriesOf(fake.sent[0]).map((x) => x.facets)).toEqual([
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
