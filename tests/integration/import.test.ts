import { beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { Viewer } from "@/lib/auth/load-principal";
import { AppError } from "@/lib/errors";
import { importResources, parseJsonLines } from "@/lib/catalogue/import";
import { importChunkAction, startImportAction } from "@/lib/catalogue/import-actions";
import { parseImportChunk, toImportRows } from "@/lib/catalogue/import-chunk";
import { MAX_CHUNK_CHARS, exampleCsv } from "@/lib/catalogue/import-file";
import { parseCsv } from "@/lib/catalogue/csv";
import { addMember, createInstitution, createUser, mustViewer } from "../support/fixtures";
import { courseInput, editorAndAdmin } from "../support/catalogue-fixtures";

// The session is next-auth's business; these tests are about what the action does with its input.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({
  requireViewer: async () => {
    if (!session.viewer) throw new AppError("UNAUTHENTICATED", "sign_in_required", "sign in");
    return session.viewer;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

beforeEach(() => {
  session.viewer = null;
});

/** Rows, versions, offers and audit entries of the whole database: what an import may touch. */
async function counts() {
  const db = await getDb();
  const n = async (t: typeof s.resources | typeof s.resourceVersions | typeof s.resourceOffers) =>
    Number((await db.select({ n: sql<number>`count(*)::int` }).from(t))[0]!.n);
  return {
    resources: await n(s.resources),
    versions: await n(s.resourceVersions),
    offers: await n(s.resourceOffers),
    audit: Number((await db.select({ n: sql<number>`count(*)::int` }).from(s.auditLog))[0]!.n),
  };
}

async function resourcesOf(institutionId: string) {
  const db = await getDb();
  return db
    .select({
      id: s.resources.id,
      status: s.resources.status,
      fieldCode: s.resourceVersions.fieldCode,
      titleEn: s.resourceVersions.titleEn,
    })
    .from(s.resources)
    .innerJoin(s.resourceVersions, eq(s.resourceVersions.resourceId, s.resources.id))
    .where(eq(s.resources.institutionId, institutionId));
}

async function editorElsewhere(): Promise<Viewer> {
  const other = await createInstitution();
  const user = await createUser();
  await addMember(other.id, user.id, "editor");
  return mustViewer(user.id);
}

/** Open an import as the signed-in viewer (as the page does before the first chunk). */
async function startedImport(slug: string, format: "csv" | "jsonl"): Promise<string> {
  const started = await startImportAction(slug, format);
  expect(started).toMatchObject({ status: "ok" });
  return started.importId!;
}

const jsonl = (rows: unknown[]) =>
  rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n");

describe("[CATALOGUE] bulk import", () => {
  it("creates drafts from the good rows and reports each bad row with its line and field", async () => {
    const { inst, actor } = await editorAndAdmin();
    const text = jsonl([
      courseInput({ titleEn: "Imported Good" }),
      "{not json",
      courseInput({ titleEn: "Imported Unknown Field", fieldCode: "123" }),
      courseInput({ titleZh: "", titleEn: "", summaryZh: "", summaryEn: "" }),
      courseInput({ titleEn: "x".repeat(10_000) }),
      courseInput({ creditsX100: -100 }),
    ]);
    const before = await counts();
    const summary = await importResources(actor, inst.slug, parseJsonLines(text));

    expect(summary).toMatchObject({ created: 2, failed: 4, alreadyImported: 0 });
    const byLine = new Map(summary.results.map((r) => [r.line, r]));
    expect(byLine.get(1)).toMatchObject({ ok: true });
    expect(byLine.get(1)).not.toHaveProperty("warnings");
    // An unknown field of study goes in as 999, and the report says so.
    expect(byLine.get(3)).toMatchObject({
      ok: true,
      warnings: [{ field: "fieldCode", code: "unknown_field_code", value: "123" }],
    });
    expect(byLine.get(2)).toMatchObject({ ok: false, fields: { _: { code: "invalid" } } });
    expect(byLine.get(4)).toMatchObject({
      ok: false,
      fields: { titleZh: { code: "required" }, titleEn: { code: "required" } },
    });
    expect(byLine.get(5)).toMatchObject({
      ok: false,
      fields: { titleEn: { code: "too_long", max: 200 } },
    });
    expect(byLine.get(6)).toMatchObject({
      ok: false,
      fields: { creditsX100: { code: "too_short", min: 0 } },
    });

    const created = await resourcesOf(inst.id);
    expect(created.map((r) => [r.titleEn, r.status, r.fieldCode]).sort()).toEqual([
      ["Imported Good", "draft", "041"],
      ["Imported Unknown Field", "draft", "999"],
    ]);
    // Two resources with one version, two offers and one audit entry each; nothing else.
    expect(await counts()).toEqual({
      resources: before.resources + 2,
      versions: before.versions + 2,
      offers: before.offers + 4,
      audit: before.audit + 2,
    });
  });

  it("refuses the whole import of an editor of another institution, creating nothing", async () => {
    const { inst } = await editorAndAdmin();
    const actor: Actor = { type: "user", viewer: await editorElsewhere() };
    const before = await counts();
    await expect(
      importResources(actor, inst.slug, [
        { line: 1, row: courseInput() },
        { line: 2, row: courseInput({ titleEn: "Second" }) },
      ]),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts()).toEqual(before);
  });

  it("publishes only for an operator", async () => {
    const { inst, actor } = await editorAndAdmin();
    await expect(
      importResources(actor, inst.slug, [{ line: 1, row: courseInput() }], { publish: true }),
    ).rejects.toThrow(/operator/);
  });
});

describe("[CATALOGUE] import action", () => {
  it("maps CSV records on the server and creates drafts, reporting a bad record", async () => {
    const { inst, editor } = await editorAndAdmin();
    session.viewer = editor;
    const records = parseCsv(exampleCsv(inst.slug)).map(({ line, record }) => ({
      line,
      row: record,
    }));
    const bad = { line: 9, row: { ...records[1]!.row, creditsX100: "-5", kind: "course" } };
    const state = await importChunkAction({
      importId: await startedImport(inst.slug, "csv"),
      institutionSlug: inst.slug,
      format: "csv",
      rows: [...records, bad],
    });

    expect(state.status).toBe("ok");
    expect(state.results.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [5, true], // the first record's description spans three lines
      [9, false],
    ]);
    expect(state.results[2]).toMatchObject({ fields: { creditsX100: { code: "too_short" } } });
    const created = await resourcesOf(inst.id);
    expect(created).toHaveLength(2);
    expect(created.every((r) => r.status === "draft")).toBe(true);
    expect(state.results[0]).toMatchObject({ slug: `${inst.slug}-management-accounting` });
  });

  it("parses JSON lines on the server: a bad line is a row error, not a failed chunk", async () => {
    const { inst, editor } = await editorAndAdmin();
    session.viewer = editor;
    const state = await importChunkAction({
      importId: await startedImport(inst.slug, "jsonl"),
      institutionSlug: inst.slug,
      format: "jsonl",
      rows: [
        { line: 1, row: JSON.stringify(courseInput()) },
        { line: 3, row: "{oops" },
        { line: 4, row: JSON.stringify(courseInput({ status: "published" })) },
      ],
    });
    expect(state.results.map((r) => [r.line, r.ok])).toEqual([
      [1, true],
      [3, false],
      [4, false],
    ]);
    expect((await resourcesOf(inst.id)).map((r) => r.status)).toEqual(["draft"]);
  });

  it("refuses an editor of another institution, an unknown institution and nobody signed in", async () => {
    const { inst, editor } = await editorAndAdmin();
    session.viewer = editor;
    const importId = await startedImport(inst.slug, "jsonl");
    const rows = [{ line: 1, row: JSON.stringify(courseInput()) }];
    const chunk = { importId, institutionSlug: inst.slug, format: "jsonl", rows };
    const before = await counts();

    session.viewer = await editorElsewhere();
    expect(await importChunkAction(chunk)).toMatchObject({
      status: "error",
      reason: "forbidden",
      results: [],
    });
    expect(await startImportAction(inst.slug, "jsonl")).toMatchObject({
      status: "error",
      reason: "forbidden",
      importId: null,
    });
    expect(
      await importChunkAction({ ...chunk, institutionSlug: "no-such-institution" }),
    ).toMatchObject({ status: "error", reason: "not_found" });
    session.viewer = null;
    expect(await importChunkAction(chunk)).toMatchObject({
      status: "error",
      reason: "sign_in_required",
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses malformed arguments as a whole, importing nothing", async () => {
    const { inst, editor } = await editorAndAdmin();
    session.viewer = editor;
    const good = JSON.stringify(courseInput());
    const importId = await startedImport(inst.slug, "jsonl");
    const before = await counts();
    // The browser may send anything: the declared types are not a check.
    const refused = (slug: unknown, format: unknown, rows: unknown) =>
      importChunkAction({ importId, institutionSlug: slug, format, rows });
    const cases: [unknown, unknown, unknown, string][] = [
      [
        inst.slug,
        "jsonl",
        Array.from({ length: 101 }, (_, i) => ({ line: i + 1, row: good })),
        "rows",
      ],
      [inst.slug, "jsonl", [{ line: 0, row: good }], "rows.0.line"],
      [inst.slug, "jsonl", [{ line: 1.5, row: good }], "rows.0.line"],
      [inst.slug, "jsonl", [{ line: 1, row: courseInput() }], "rows.0.row"],
      [inst.slug, "jsonl", [{ line: 1, row: `${good}\n${good}` }], "rows.0.row"],
      [inst.slug, "csv", [{ line: 2, row: { titleEn: 5 } }], "rows.0.row.titleEn"],
      [inst.slug, "csv", [{ line: 2, row: "titleEn,kind" }], "rows.0.row"],
      [inst.slug, "csv", [{ line: 2, row: { a: "x" }, extra: 1 }], "rows.0"],
      [inst.slug, "xlsx", [], "format"],
      [42, "jsonl", [], "institutionSlug"],
      [inst.slug, "jsonl", "rows", "rows"],
      [inst.slug, "jsonl", [{ line: 1, row: good }], "importId"],
      [inst.slug, "jsonl", [{ line: 1, row: "x".repeat(MAX_CHUNK_CHARS + 1) }], "rows"],
    ];
    for (const [slug, format, rows, field] of cases) {
      const state =
        field === "importId"
          ? await importChunkAction({ importId: "42", institutionSlug: slug, format, rows })
          : await refused(slug, format, rows);
      expect(state, `${field}`).toMatchObject({ status: "error", reason: "validation" });
      expect(Object.keys((state as { fields?: object }).fields ?? {}), field).toContain(field);
    }
    expect(await counts()).toEqual(before);
  });

  it("turns a parsed chunk into rows for the service", () => {
    const importId = "8f0d2a4e-1c2b-4d5e-8f9a-0b1c2d3e4f5a";
    const csv = parseImportChunk({
      importId,
      institutionSlug: " uni-a ",
      format: "csv",
      rows: [{ line: 2, row: { titleEn: "A", level: "6", languages: "zh; en" } }],
    });
    expect(csv.institutionSlug).toBe("uni-a");
    expect(toImportRows(csv)).toEqual([
      { line: 2, row: { titleEn: "A", level: 6, languages: ["zh", "en"] } },
    ]);
    const lines = parseImportChunk({
      importId,
      institutionSlug: "uni-a",
      format: "jsonl",
      rows: [
        { line: 1, row: '{"a":1}' },
        { line: 2, row: "[1" },
      ],
    });
    expect(toImportRows(lines)).toEqual([
      { line: 1, row: { a: 1 } },
      { line: 2, row: { __invalidJson: "[1" } },
    ]);
  });
});
