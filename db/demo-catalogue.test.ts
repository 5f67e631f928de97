import { describe, expect, it } from "vitest";
import { demoCatalogue } from "./demo-catalogue";
import { demoInstitutions } from "./seed";
import { createResourceSchema } from "@/lib/catalogue/schemas";
import { defaultFieldsOfStudy } from "@/lib/standard/defaults";

describe("demo catalogue", () => {
  it("parses every item with createResourceSchema", () => {
    for (const item of demoCatalogue) {
      const result = createResourceSchema.safeParse(item.input);
      expect(result.error?.issues ?? [], item.input.slug).toEqual([]);
    }
  });

  it("has unique slugs that start with the institution's slug", () => {
    const slugs = demoCatalogue.map((i) => i.input.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const item of demoCatalogue) {
      expect(item.input.slug?.startsWith(`${item.institution}-`), item.input.slug).toBe(true);
    }
  });

  it("only names institutions that exist in the seed", () => {
    const known = new Set(demoInstitutions.map((i) => i.slug));
    for (const item of demoCatalogue) expect(known, item.institution).toContain(item.institution);
  });

  it("only uses narrow fields of study that exist in the defaults", () => {
    const narrow = new Set(defaultFieldsOfStudy.filter((f) => f.parentCode).map((f) => f.code));
    for (const item of demoCatalogue) {
      expect(narrow, item.input.slug).toContain(item.input.fieldCode);
    }
  });

  it("gives learning resources no credits", () => {
    for (const item of demoCatalogue.filter((i) => i.input.kind === "learning_resource")) {
      expect(item.input.creditsX100, item.input.slug).toBe(0);
    }
  });

  it("keeps learning hours consistent with credits (1 credit ≈ 16 hours)", () => {
    for (const { input } of demoCatalogue.filter((i) => i.input.kind !== "learning_resource")) {
      expect(input.learningHours, input.slug).toBe((input.creditsX100 / 100) * 16);
    }
  });

  it("is large and varied enough for the demo", () => {
    expect(demoCatalogue.length).toBeGreaterThanOrEqual(30);
    expect(demoCatalogue.filter((i) => i.featured).length).toBeGreaterThanOrEqual(6);
    const kinds = demoCatalogue.map((i) => i.input.kind);
    expect(kinds.filter((k) => k === "learning_resource").length).toBeGreaterThanOrEqual(3);
    expect(kinds).toContain("micro_credential");
    expect(kinds).toContain("certificate_programme");
    expect(kinds).toContain("course");
  });

  it("includes the open-university courses 管理会计学 and 数据结构", () => {
    const titles = demoCatalogue.map((i) => i.input.titleZh);
    expect(titles).toContain("管理会计学");
    expect(titles).toContain("数据结构");
  });
});
