import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { CSV_COLUMNS, CsvFileError } from "@/lib/catalogue/csv";
import { importFromFile } from "@/lib/catalogue/import-from-file";
import { createInstitution } from "../support/fixtures";

// The command line's path: files read as streams, checked whole before anything is written.
const operator: Actor = { type: "operator", name: "test" };
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-files-"));
  await getDb(); // opening and migrating PGlite is not part of any test's time
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const header = "slug,kind,titleEn,summaryEn,level,creditsX100,learningHours,languages,deliveryMode";
const row = (slug: string, title = "Title") =>
  `${slug},course,${title},A summary.,6,300,48,en,online`;

async function resourceCount(institutionId: string): Promise<number> {
  const db = await getDb();
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(s.resources)
    .where(eq(s.resources.institutionId, institutionId));
  return Number(r!.n);
}

async function refusedWith(file: string, institution: { id: string; slug: string }) {
  const error = await importFromFile(operator, institution.slug, file, "csv").then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CsvFileError);
  expect(await resourceCount(institution.id)).toBe(0);
  return (error as CsvFileError).problem;
}

describe("[CATALOGUE] import files at the command line", () => {
  it("refuses a stray quote, an unclosed quote, a repeated or unknown column, naming the line", async () => {
    const inst = await createInstitution();
    const ok = (n: number) => row(`${inst.slug}-r${n}`);
    // A quote inside an unquoted cell on line 3; the rows before it would be valid.
    expect(
      await refusedWith(write("stray.csv", [header, ok(1), `${ok(2)}x"y`, ok(3)].join("\n")), inst),
    ).toEqual({ code: "stray_quote", line: 3 });
    // The quote opened on line 4 is never closed: it would swallow every later row.
    expect(
      await refusedWith(
        write(
          "open.csv",
          [
            header,
            ok(1),
            "",
            `${inst.slug}-r2,course,"Open title,S,6,300,48,en,online`,
            ok(3),
          ].join("\n"),
        ),
        inst,
      ),
    ).toEqual({ code: "unterminated_quote", line: 4 });
    expect(
      await refusedWith(write("dup.csv", [`${header},titleEn`, `${ok(1)},Other`].join("\n")), inst),
    ).toEqual({ code: "duplicate_column", line: 1, column: "titleEn" });
    expect(
      await refusedWith(write("unknown.csv", [`${header},titel`, `${ok(1)},x`].join("\n")), inst),
    ).toEqual({ code: "unknown_column", line: 1, column: "titel" });
    expect(await refusedWith(write("short.csv", [header, ok(1), "a,b"].join("\n")), inst)).toEqual({
      code: "field_count",
      line: 3,
      expected: 9,
      got: 2,
    });
  });

  it("reads a BOM and CRLF line ends, quoted cells spanning lines keeping their row's line", async () => {
    const inst = await createInstitution();
    const text =
      "\uFEFF" +
      [
        header,
        row(`${inst.slug}-first`, '"Two\r\nlines, and a ""quote"""'),
        "",
        row(`${inst.slug}-second`),
      ].join("\r\n") +
      "\r\n";
    const summary = await importFromFile(operator, inst.slug, write("bom.csv", text), "csv");
    expect(summary).toMatchObject({ created: 2, failed: 0, total: 2 });
    expect(summary.results.map((r) => [r.line, r.ok && r.slug])).toEqual([
      [2, `${inst.slug}-first`],
      [5, `${inst.slug}-second`],
    ]);
    const db = await getDb();
    const titles = await db
      .select({ slug: s.resources.slug, titleEn: s.resourceVersions.titleEn })
      .from(s.resourceVersions)
      .innerJoin(s.resources, eq(s.resources.id, s.resourceVersions.resourceId))
      .where(eq(s.resources.institutionId, inst.id))
      .orderBy(s.resources.slug);
    expect(titles).toEqual([
      { slug: `${inst.slug}-first`, titleEn: 'Two\nlines, and a "quote"' },
      { slug: `${inst.slug}-second`, titleEn: "Title" },
    ]);
  });

  it("streams a 50 MB file: imported whole when good, refused whole when its last row is broken", async () => {
    const inst = await createInstitution();
    const rows = 2_800;
    const description = "Budgets, costs and performance. ".repeat(600); // ≈ 19 KB per row
    const good = path.join(dir, "big.csv");
    const out = fs.createWriteStream(good);
    out.write(`${CSV_COLUMNS.join(",")}\n`);
    const line = (i: number) =>
      CSV_COLUMNS.map((c) =>
        c === "slug"
          ? `${inst.slug}-big-${i}`
          : c === "descriptionMd"
            ? `"${description}"`
            : ({
                kind: "course",
                titleEn: `Course ${i}`,
                summaryEn: "A summary.",
                fieldCode: "041",
                level: "6",
                creditsX100: "300",
                learningHours: "48",
                languages: "en",
                deliveryMode: "online",
              }[c as string] ?? ""),
      ).join(",");
    for (let i = 1; i <= rows; i++) out.write(`${line(i)}\n`);
    await new Promise((resolve) => out.end(resolve));
    expect(fs.statSync(good).size).toBeGreaterThan(50 * 1024 * 1024);

    // Broken: the same file with an unclosed quote in its very last row.
    const broken = path.join(dir, "big-broken.csv");
    fs.copyFileSync(good, broken);
    fs.appendFileSync(broken, `${inst.slug}-last,course,"Never closed,S\n`);
    const error = await importFromFile(operator, inst.slug, broken, "csv").catch((e) => e);
    expect(error).toBeInstanceOf(CsvFileError);
    expect(error.problem).toEqual({ code: "unterminated_quote", line: rows + 2 });
    expect(await resourceCount(inst.id)).toBe(0);

    const summary = await importFromFile(operator, inst.slug, good, "csv");
    expect(summary).toMatchObject({ created: rows, failed: 0, total: rows });
    expect(summary.results.at(-1)).toMatchObject({
      line: rows + 1,
      slug: `${inst.slug}-big-${rows}`,
    });
    expect(await resourceCount(inst.id)).toBe(rows);
  }, 600_000);

  it("goes on with an earlier import by its id, creating nothing twice", async () => {
    const inst = await createInstitution();
    const file = write(
      "resume.jsonl",
      [1, 2, 3]
        .map((i) =>
          JSON.stringify({
            slug: `${inst.slug}-j${i}`,
            kind: "course",
            titleEn: `J${i}`,
            summaryEn: "S",
            level: 6,
            creditsX100: 100,
            learningHours: 16,
            languages: ["en"],
            deliveryMode: "online",
          }),
        )
        .join("\r\n"),
    );
    const first = await importFromFile(operator, inst.slug, file, "jsonl");
    expect(first).toMatchObject({ created: 3, alreadyImported: 0 });
    const again = await importFromFile(operator, inst.slug, file, "jsonl", {
      resumeId: first.importId,
    });
    expect(again).toMatchObject({ created: 0, alreadyImported: 3, failed: 0 });
    expect(again.results.map((r) => r.ok && r.id)).toEqual(first.results.map((r) => r.ok && r.id));
    expect(await resourceCount(inst.id)).toBe(3);
  });
});
