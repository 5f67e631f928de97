import { describe, expect, it } from "vitest";
import { loadMessages, messageFiles } from "@/i18n/messages";

const en = await loadMessages("en");
const zh = await loadMessages("zh-CN");

type Leaves = Map<string, unknown>;

// Flattens nested messages to dotted keys; anything that is not an object is a leaf.
function leavesOf(node: unknown, prefix = "", out: Leaves = new Map()): Leaves {
  if (node !== null && typeof node === "object" && !Array.isArray(node)) {
    for (const [k, v] of Object.entries(node)) leavesOf(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, node);
  }
  return out;
}

// ICU arguments: `{name}`, `{count, plural, …}`; `{# item}` inside a plural is not an argument.
function placeholdersOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z_]\w*)/g)].map((m) => m[1] ?? ""))].sort();
}

const catalogues = { en: leavesOf(en), "zh-CN": leavesOf(zh) };

describe("message catalogues", () => {
  it("never define the same top-level namespace in two feature files", async () => {
    const seen = new Map<string, string>();
    for (const f of messageFiles) {
      const part = (await import(`../messages/en/${f}.json`)).default as Record<string, unknown>;
      for (const ns of Object.keys(part)) {
        expect(seen.get(ns), `namespace ${ns} in ${f} and ${seen.get(ns)}`).toBeUndefined();
        seen.set(ns, f);
      }
    }
  });

  it("are not empty", () => {
    expect(catalogues.en.size).toBeGreaterThan(10);
  });

  it("have the same keys in both languages", () => {
    const enKeys = [...catalogues.en.keys()].sort();
    const zhKeys = [...catalogues["zh-CN"].keys()].sort();
    expect(
      zhKeys.filter((k) => !catalogues.en.has(k)),
      "only in zh-CN",
    ).toEqual([]);
    expect(
      enKeys.filter((k) => !catalogues["zh-CN"].has(k)),
      "only in en",
    ).toEqual([]);
    expect(zhKeys).toEqual(enKeys);
  });

  it("hold a non-empty string at every key", () => {
    for (const [lang, leaves] of Object.entries(catalogues)) {
      const bad = [...leaves].filter(([, v]) => typeof v !== "string" || v.trim() === "");
      expect(
        bad.map(([k]) => k),
        lang,
      ).toEqual([]);
    }
  });

  it("use the same placeholders in both languages", () => {
    const mismatched: string[] = [];
    for (const [key, value] of catalogues.en) {
      const other = catalogues["zh-CN"].get(key);
      if (typeof value !== "string" || typeof other !== "string") continue;
      const a = placeholdersOf(value).join(",");
      const b = placeholdersOf(other).join(",");
      if (a !== b) mismatched.push(`${key}: en {${a}} vs zh-CN {${b}}`);
    }
    expect(mismatched).toEqual([]);
  });

  it("finds placeholders the way the check above assumes", () => {
    expect(placeholdersOf("Hello {name}, {count, plural, one {# item} other {# items}}")).toEqual([
      "count",
      "name",
    ]);
    expect(catalogues.en.get("nav.staffArea")).toContain("{name}");
  });
});
