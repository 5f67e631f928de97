import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
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
import { csvRecordToInput, parseCsv } from "@/lib/catalogue/csv";
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

beforeAll(async () => {
  await getDb(); // opening and migrating PGlite is not part of any test's time
});
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

describe("[CATALOGUE] bulk import: reports and batches", () => {
  it("reports every problem of a row at once, the cross-field rules included", async () => {
    const { inst, actor } = await editorAndAdmin();
    const record = {
      slug: "elsewhere-course",
      kind: "learning_resource",
      titleZh: "",
      titleEn: "",
      summaryEn: "A summary without a title.",
      level: "six",
      creditsX100: "300",
      learningHours: "-4",
      languages: "zh;xx",
      deliveryMode: "by post",
      fieldCode: "12345",
      learnerPriceMinor: "9.99",
    };
    const before = await counts();
    const summary = await importResources(actor, inst.slug, [
      { line: 7, row: csvRecordToInput(record) },
    ]);
    expect(summary).toMatchObject({ created: 0, failed: 1 });
    const [r] = summary.results;
    expect(r).toMatchObject({
      line: 7,
      ok: false,
      fields: {
        slug: { code: "invalid_format" },
        titleZh: { code: "required" },
        titleEn: { code: "required" },
        level: { code: "invalid" },
        creditsX100: { code: "invalid" },
        learningHours: { code: "too_short" },
        "languages.1": { code: "invalid_choice" },
        deliveryMode: { code: "invalid_choice" },
        "offers.learner.amountMinor": { code: "invalid" },
      },
      warnings: [{ field: "fieldCode", code: "unknown_field_code", value: "12345" }],
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses a slug taken in the catalogue or earlier in the file, and one of a longer institution", async () => {
    const { inst, actor } = await editorAndAdmin();
    const db = await getDb();
    const longer = await createInstitution();
    await db
      .update(s.institutions)
      .set({ slug: `${inst.slug}-law` })
      .where(eq(s.institutions.id, longer.id));
    await importResources(actor, inst.slug, [
      { line: 1, row: courseInput({ slug: `${inst.slug}-taken` }) },
    ]);
    const summary = await importResources(actor, inst.slug, [
      { line: 1, row: courseInput({ slug: `${inst.slug}-taken` }) },
      { line: 2, row: courseInput({ slug: `${inst.slug}-twice` }) },
      { line: 3, row: courseInput({ slug: `${inst.slug}-twice` }) },
      { line: 4, row: courseInput({ slug: `${inst.slug}-law-contracts` }) },
    ]);
    expect(summary.results.map((r) => [r.line, r.ok ? "ok" : r.fields?.slug?.code])).toEqual([
      [1, "taken"],
      [2, "ok"],
      [3, "taken"],
      [4, "taken"],
    ]);
  });

  it("does not let a row the database refuses take the good rows of its batch with it", async () => {
    const { inst, actor } = await editorAndAdmin();
    const db = await getDb();
    // A rule only the database knows (the checks before the batch cannot see it).
    await db.execute(sql`create function refuse_boom() returns trigger language plpgsql as $$
      begin
        if new.title_en = 'Boom' then
          raise exception 'no boom' using errcode = 'check_violation';
        end if;
        return new;
      end $$`);
    await db.execute(
      sql`create trigger refuse_boom before insert on resource_versions for each row execute function refuse_boom()`,
    );
    try {
      const rows = Array.from({ length: 7 }, (_, i) => ({
        line: i + 1,
        row: courseInput({ titleEn: i === 3 ? "Boom" : `Batch ${i + 1}` }),
      }));
      const before = await counts();
      const summary = await importResources(actor, inst.slug, rows, { batchRows: 5 });
      expect(summary).toMatchObject({ created: 6, failed: 1 });
      expect(summary.results.map((r) => [r.line, r.ok])).toEqual(
        rows.map((r) => [r.line, r.line !== 4]),
      );
      expect(summary.results[3]).toMatchObject({ ok: false, message: /no boom/ });
      expect(await counts()).toEqual({
        resources: before.resources + 6,
        versions: before.versions + 6,
        offers: before.offers + 12,
        audit: before.audit + 6,
      });
    } finally {
      await db.execute(sql`drop trigger refuse_boom on resource_versions`);
      await db.execute(sql`drop function refuse_boom()`);
    }
  });

  it("publishes a batch for an operator with its search rows and lexicon, as one row would", async () => {
    const { inst } = await editorAndAdmin();
    const operator: Actor = { type: "operator", name: "test" };
    const word = `zebrafinch${inst.slug.slice(-8).replace(/[^a-z]/g, "q")}`;
    const rows = Array.from({ length: 30 }, (_, i) => ({
      line: i + 1,
      row: courseInput({ titleEn: `${word} studies ${i}`, summaryEn: `On ${word}.` }),
    }));
    const summary = await importResources(operator, inst.slug, rows, {
      publish: true,
      batchRows: 12,
    });
    expect(summary).toMatchObject({ created: 30, failed: 0 });
    const db = await getDb();
    const searchRows = await db
      .select({ id: s.catalogueSearch.resourceId, price: s.catalogueSearch.priceMinor })
      .from(s.catalogueSearch)
      .where(eq(s.catalogueSearch.institutionId, inst.id));
    expect(searchRows).toHaveLength(30);
    expect(searchRows.every((r) => r.price === 19900)).toBe(true);
    const [lex] = await db
      .select({ n: s.searchLexicon.docCount })
      .from(s.searchLexicon)
      .where(eq(s.searchLexicon.word, word));
    expect(lex?.n).toBe(30);
    expect((await resourcesOf(inst.id)).every((r) => r.status === "published")).toBe(true);
  });
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
