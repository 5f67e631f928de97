import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import type { SearchDocument } from "./engine";
import { configureIndex } from "./meilisearch";
import {
  HOST,
  apiError,
  engine,
  fake,
  query,
  task,
  installFakeMeilisearch,
} from "@/tests/support/meilisearch-fake";

// The Meilisearch adapter against a fake server (tests/support/meilisearch-fake.ts).
installFakeMeilisearch();

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

    expect(fake.sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${HOST}/indexes/resources/documents?primaryKey=id`,
      `GET ${HOST}/tasks/7`,
    ]);
    expect(fake.sent[0]?.body).toEqual([
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
    expect(fake.sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${HOST}/indexes/resources/documents/delete-batch`,
      `GET ${HOST}/tasks/8`,
    ]);
    expect(fake.sent[0]?.body).toEqual(["r1", "r2"]);
  });

  it("sends nothing for empty batches", async () => {
    await engine().upsert([]);
    await engine().remove([]);
    expect(fake.sent).toEqual([]);
  });

  it("fails when the task fails", async () => {
    fake.answer = (r) =>
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
    fake.answer = () => apiError(400, "invalid_search_filter", "Attribute `x` is not filterable.");
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
    fake.answer = () => apiError(404, "index_not_found", "Index `resources` not found.");
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
    expect(fake.sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${HOST}/indexes`,
      `GET ${HOST}/tasks/1`,
      `PATCH ${HOST}/indexes/resources/settings`,
      `GET ${HOST}/tasks/2`,
    ]);
    expect(fake.sent[0]?.body).toEqual({ uid: "resources", primaryKey: "id" });
    expect(fake.sent[2]?.body).toMatchObject({
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
      (fake.sent[2]?.body as { filterableAttributes: string[] }).filterableAttributes.sort(),
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
    fake.answer = (r) =>
      r.url.endsWith("/tasks/1")
        ? task(1, "failed", { code: "index_already_exists", message: "exists", type: "", link: "" })
        : undefined;
    await expect(configureIndex(HOST)).resolves.toBeUndefined();
    expect(fake.sent.at(-2)?.method).toBe("PATCH");
    expect(fake.sent[0]?.headers.has("authorization")).toBe(false);
  });

  it("fails when the settings cannot be applied", async () => {
    fake.answer = (r) =>
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
