import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { Viewer } from "@/lib/auth/load-principal";
import { AppError } from "@/lib/errors";
import { importResources, parseJsonLines } from "@/lib/catalogue/import";
import { csvRecordToInput } from "@/lib/catalogue/csv";
import { createInstitution } from "../support/fixtures";
import { courseInput, editorAndAdmin } from "../support/catalogue-fixtures";
import { counts, editorElsewhere, jsonl, resourcesOf } from "../support/import-fixtures";

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
