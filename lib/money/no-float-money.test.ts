import fs from "node:fs";
import path from "node:path";
import { ESLint, Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import { describe, expect, it } from "vitest";
import money from "@/eslint-rules/no-float-money.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const linter = new Linter({ configType: "flat" });
const config: Linter.Config[] = [
  {
    files: ["**/*.ts"],
    languageOptions: { parser: tsParser },
    plugins: { money },
    rules: { "money/no-float-money": "error" },
  },
];
const problems = (code: string) =>
  linter.verify(code, config, "lib/example.ts").map((m) => `${m.line}: ${m.message.split(":")[0]}`);

describe("lint rule money/no-float-money", () => {
  it("fails on the search page's old yuan/credits conversion (Number() then * 100)", () => {
    // search-params.ts as it was before lib/money: the URL's "2.5" became Math.round(2.5 * 100).
    const before = `
      function toQuery(params: Record<string, string>) {
        const query: Record<string, string> = {};
        for (const [key, value] of Object.entries(params)) {
          const n = Number(value);
          query[key] = Number.isFinite(n) ? String(Math.round(n * 100)) : "not a number";
        }
        return query;
      }`;
    expect(problems(before)).toEqual(["6: Scaling by 100"]);
  });

  it("fails on the display's old float division", () => {
    expect(problems("const s = fmt.format(creditsX100 / 100);")).toEqual(["1: Scaling by 100"]);
    expect(problems("const s = fmt.format(amountMinor / 10 ** digits);")).toEqual([
      "1: Scaling by a power of ten",
    ]);
    expect(problems("const x = amountMinor / Math.pow(10, 2);")).toEqual([
      "1: Scaling by a power of ten",
    ]);
    expect(problems("let priceFen = 3; priceFen *= 100;")).toEqual(["1: Scaling by 100"]);
  });

  it("fails on parseFloat, and on Number(), unary +, parseInt, toFixed of money or credits", () => {
    expect(problems("const x = parseFloat(text);")).toEqual(["1: parseFloat reads a float"]);
    expect(problems("const x = Number.parseFloat(text);")).toEqual(["1: parseFloat reads a float"]);
    expect(problems("const x = Number(row.price_minor);")).toEqual(["1: Number() on money or credits"]);
    expect(problems('const x = Number(form.get("learnerPrice"));')).toEqual([
      "1: Number() on money or credits",
    ]);
    expect(problems("const amountMinor = Number(text);")).toEqual(["1: Number() on money or credits"]);
    expect(problems("const o = { creditsX100: Math.round(Number(text)) };")).toEqual([
      "1: Number() on money or credits",
    ]);
    expect(problems("const x = +yuan;")).toEqual(["1: Unary + on money or credits"]);
    expect(problems("const x = parseInt(totalFen, 10);")).toEqual(["1: parseInt() on money or credits"]);
    expect(problems("const s = amount.toFixed(2);")).toEqual(["1: toFixed() on money or credits"]);
    expect(problems("const ms = priceMinor * 1000;")).toEqual([
      "1: Scaling money or credits by a power of ten",
    ]);
  }); // prettier-ignore

  it("leaves other numbers alone", () => {
    const fine = `
      const n = Number(row.n);
      const level = Number(text);
      const ms = seconds * 1000;
      const took = Math.round((performance.now() - started) * 10) / 10;
      const offence = Number(defendant);
      const half = total / 2;`;
    expect(problems(fine)).toEqual([]);
  });

  it("is switched on for lib/, app/ and components/ by eslint.config.mjs", async () => {
    const eslint = new ESLint({ cwd: root });
    for (const file of ["lib/money/x.ts", "app/[locale]/(catalogue)/resources/x.tsx", "components/x.tsx"]) {
      const cfg = (await eslint.calculateConfigForFile(path.join(root, file))) as Linter.Config;
      expect(cfg.rules?.["money/no-float-money"], file).toEqual([2]);
    } // prettier-ignore
  }, 60_000);

  it("fails on search-params.ts as it was before the fix, and passes on it now", async () => {
    const file = path.join(root, "app/[locale]/(catalogue)/resources/_components/search-params.ts");
    // A verbatim copy of the file before lib/money existed, linted as if it were still there.
    const before = fs.readFileSync(
      path.join(import.meta.dirname, "__fixtures__/search-params-before.txt"),
      "utf8",
    );
    const eslint = new ESLint({ cwd: root });
    const [old] = await eslint.lintText(before, { filePath: file });
    const own = (r: ESLint.LintResult) =>
      r.messages.filter((m) => m.ruleId === "money/no-float-money");
    expect(own(old!).map((m) => `${m.line}: ${m.message.split(":")[0]}`)).toEqual([
      "57: Scaling by 100",
    ]);
    const [now] = await eslint.lintFiles([file]);
    expect(own(now!)).toEqual([]);
  }, 60_000);
});
