import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import type { Viewer } from "@/lib/auth/load-principal";
import { AppError } from "@/lib/errors";
import { importChunkAction, startImportAction } from "@/lib/catalogue/import-actions";
import { parseImportChunk, toImportRows } from "@/lib/catalogue/import-chunk";
import { MAX_CHUNK_CHARS, exampleCsv } from "@/lib/catalogue/import-file";
import { parseCsv } from "@/lib/catalogue/csv";
import { courseInput, editorAndAdmin } from "../support/catalogue-fixtures";
import { counts, editorElsewhere, resourcesOf, startedImport } from "../support/import-fixtures";

// The session is next-auth's business; these tests are about what the action does with its input.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({
  requireViewer: async () => {
    if (!session.viewer) throw new AppError("UNAUTHENTICATED", "sign_in_required", "sign in");
    return session.viewer;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

beforeAll(async () => {
  await getDb(); // opening and migrating PGlite is not part of any test's time
});
beforeEach(() => {
  session.viewer = null;
});

describe("[CATALOGUE] import ids", () => {
  it("creates nothing twice when a chunk of the same import is sent again", async () => {
    const { inst, editor } = await editorAndAdmin();
    session.viewer = editor;
    const importId = await startedImport(inst.slug, "jsonl");
    const chunk = {
      importId,
      institutionSlug: inst.slug,
      format: "jsonl",
      rows: [
        { line: 1, row: JSON.stringify(courseInput({ titleEn: "Once" })) },
        { line: 2, row: JSON.stringify(courseInput({ titleEn: "", titleZh: "" })) },
        { line: 3, row: JSON.stringify(courseInput({ titleEn: "Only once" })) },
      ],
    };
    const first = await importChunkAction(chunk);
    expect(first.results.map((r) => [r.line, r.ok])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    const afterFirst = await counts();
    const again = await importChunkAction(chunk);
    expect(again.results).toEqual([
      { ...first.results[0], alreadyImported: true },
      first.results[1],
      { ...first.results[2], alreadyImported: true },
    ]);
    expect(await counts()).toEqual(afterFirst);

    // Another import of the same file is another import: it creates again.
    const other = await importChunkAction({
      ...chunk,
      importId: await startedImport(inst.slug, "jsonl"),
    });
    expect(other.results.filter((r) => r.ok && !r.alreadyImported)).toHaveLength(2);
  });

  it("refuses an import of another institution, or of another format", async () => {
    const { inst, editor } = await editorAndAdmin();
    const second = await editorAndAdmin();
    session.viewer = second.editor;
    const foreign = await startedImport(second.inst.slug, "jsonl");
    session.viewer = editor;
    const rows = [{ line: 1, row: JSON.stringify(courseInput()) }];
    const before = await counts();
    expect(
      await importChunkAction({
        importId: foreign,
        institutionSlug: inst.slug,
        format: "jsonl",
        rows,
      }),
    ).toMatchObject({ status: "error", reason: "not_found" });
    const own = await startedImport(inst.slug, "csv");
    expect(
      await importChunkAction({ importId: own, institutionSlug: inst.slug, format: "jsonl", rows }),
    ).toMatchObject({
      status: "error",
      reason: "validation",
      fields: { format: { code: "mismatch" } },
    });
    expect(await counts()).toEqual(before);
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
      [inst.slug, "csv", [{ line: 2, row: { a: "x" }, extra: 1 }], "rows.0.extra"],
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
      { line: 2, row: "[1" },
    ]);
  });
});
