import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cjkBigrams, cjkRuns, latinWords } from "./cjk";

describe("cjkRuns", () => {
  it("splits on anything that is not Han", () => {
    expect(cjkRuns("Java程序设计 2")).toEqual(["程序设计"]);
    expect(cjkRuns("管理会计学（第二版）：基础")).toEqual(["管理会计学", "第二版", "基础"]);
    expect(cjkRuns("Intro to Logistics")).toEqual([]);
    expect(cjkRuns("")).toEqual([]);
  });

  it("leaves out kana, hangul and CJK punctuation", () => {
    expect(cjkRuns("日本語のテキスト、한국어")).toEqual(["日本語"]);
  });

  it("folds compatibility ideographs to the unified ones (NFKC)", () => {
    // U+F900 is the compatibility form of 豈 (U+8C48).
    expect(cjkRuns("\uF900")).toEqual(["\u8C48"]);
  });
});

describe("cjkBigrams", () => {
  it("emits every overlapping pair of a run", () => {
    expect(cjkBigrams("管理会计学")).toEqual(["管理", "理会", "会计", "计学"]);
  });

  it("keeps a one-character run whole and never pairs across runs", () => {
    expect(cjkBigrams("学 Java 物流管理")).toEqual(["学", "物流", "流管", "管理"]);
    expect(cjkBigrams("会计，审计")).toEqual(["会计", "审计"]);
  });

  it("keeps repeats (callers dedupe when they want a set)", () => {
    expect(cjkBigrams("会计会计")).toEqual(["会计", "计会", "会计"]);
  });

  it("counts characters outside the BMP as one", () => {
    // 𠀀 (U+20000, CJK Extension B) is a surrogate pair in UTF-16.
    expect(cjkBigrams("𠀀学𠀁")).toEqual(["𠀀学", "学𠀁"]);
    expect(cjkBigrams("𠀀")).toEqual(["𠀀"]);
  });

  it("has nothing for Latin text", () => {
    expect(cjkBigrams("Accounting 101")).toEqual([]);
  });

  it("makes every two-character substring of a Han run one of its bigrams", () => {
    const han = fc.constantFrom(..."管理会计学物流数据结构程序设计𠀀");
    fc.assert(
      fc.property(fc.array(han, { minLength: 2, maxLength: 12 }), fc.nat(), (chars, at) => {
        const i = at % (chars.length - 1);
        expect(cjkBigrams(chars.join(""))).toContain(`${chars[i]}${chars[i + 1]}`);
      }),
    );
  });
});

describe("latinWords", () => {
  it("takes lower-cased letter/digit words of two or more characters", () => {
    expect(latinWords("Java程序设计 2")).toEqual(["java"]);
    expect(latinWords("Intro to C++ and ISO-9001, v2")).toEqual([
      "intro",
      "to",
      "and",
      "iso",
      "9001",
      "v2",
    ]);
  });

  it("normalises full-width and compatibility forms first", () => {
    expect(latinWords("ＪＡＶＡ　８ ﬁnance")).toEqual(["java", "finance"]);
  });

  it("keeps repeats and has nothing for Han text", () => {
    expect(latinWords("SQL sql")).toEqual(["sql", "sql"]);
    expect(latinWords("管理会计学")).toEqual([]);
  });
});
