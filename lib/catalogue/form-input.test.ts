import { describe, expect, it } from "vitest";
import { createResourceSchema, updateResourceSchema } from "./schemas";
import {
  changedOnly,
  creditsToX100,
  isoToLocalDateTime,
  localDateTimeToIso,
  readerOfValues,
  resourceFormToInput,
  scaledIntToDecimal,
  toFormFieldErrors,
  yuanToMinor,
} from "./form-input";
import { resourceToFormValues } from "./form-values";

// The alliance's zone by default (PRODUCT.md §3); the forms take it from the credit standard.
const SH = "Asia/Shanghai";

const filled: Record<string, string> = {
  kind: "course",
  titleZh: "管理会计学",
  titleEn: "Management Accounting",
  summaryZh: "面向企业管理的会计方法。",
  summaryEn: "",
  descriptionMd: "## 内容",
  fieldCode: "041",
  level: "6",
  credits: "2.5",
  learningHours: "40",
  "outcomes.0.zh": "编制预算",
  "outcomes.0.en": "Prepare a budget",
  "outcomes.1.zh": "",
  "outcomes.1.en": "",
  "outcomes.2.zh": "",
  "outcomes.2.en": "Read a cost report",
  languages: "zh,en",
  deliveryMode: "online",
  assessment: "",
  minScore: "60",
  minAttendancePct: "",
  prerequisites: "",
  capacity: "",
  enrolOpensAt: "2027-03-01T09:00",
  enrolClosesAt: "",
  learnerPrice: "199.00",
  seatPrice: "",
  seatMinQuantity: "",
  siteLicencePrice: "",
};

describe("decimal strings → exact integers", () => {
  it.each([
    ["3", 300],
    ["2.5", 250],
    ["0.1", 10],
    ["0.07", 7],
    ["100", 10000],
    [" 1.50 ", 150],
    ["２．５", 250], // full-width, as a Chinese IME types it
    [".5", 50],
    ["1.000", 100],
  ])("credits %j → %i", (text, x100) => {
    expect(creditsToX100(text)).toBe(x100);
  });

  it.each([
    ["199.00", 19900],
    ["0.1", 10],
    ["19.99", 1999],
    ["0", 0],
  ])("yuan %j → %i fen", (text, minor) => {
    expect(yuanToMinor(text)).toBe(minor);
  });

  it.each(["1.005", "-1", "1e3", "abc", "1,5", ".", "1.2.3", "99999999999999999999"])(
    "%j is invalid",
    (text) => {
      expect(creditsToX100(text)).toBe("invalid");
      expect(yuanToMinor(text)).toBe("invalid");
    },
  );

  it("empty is null", () => {
    expect(creditsToX100("")).toBeNull();
    expect(yuanToMinor("  ")).toBeNull();
  });

  it("shows integers back as decimals", () => {
    expect(scaledIntToDecimal(250, 2)).toBe("2.5");
    expect(scaledIntToDecimal(300, 2)).toBe("3");
    expect(scaledIntToDecimal(7, 2)).toBe("0.07");
    expect(scaledIntToDecimal(19900, 2, true)).toBe("199.00");
    expect(scaledIntToDecimal(10, 2, true)).toBe("0.10");
  });
});

describe("datetime-local in Asia/Shanghai", () => {
  it("gets the +08:00 offset", () => {
    expect(localDateTimeToIso("2027-03-01T09:00", SH)).toBe("2027-03-01T09:00:00+08:00");
    expect(localDateTimeToIso("2027-12-31T23:59:30", SH)).toBe("2027-12-31T23:59:30+08:00");
    expect(Date.parse(localDateTimeToIso("2027-03-01T09:00", SH) as string)).toBe(
      Date.parse("2027-03-01T01:00:00Z"),
    );
  });

  it("follows a zone with summer time", () => {
    expect(localDateTimeToIso("2027-07-01T12:00", "Europe/Berlin")).toBe(
      "2027-07-01T12:00:00+02:00",
    );
    expect(localDateTimeToIso("2027-01-01T12:00", "Europe/Berlin")).toBe(
      "2027-01-01T12:00:00+01:00",
    );
  });

  it("refuses what is no date, and leaves empty as null", () => {
    expect(localDateTimeToIso("2027-02-30T09:00", SH)).toBe("invalid");
    expect(localDateTimeToIso("tomorrow", SH)).toBe("invalid");
    expect(localDateTimeToIso("", SH)).toBeNull();
  });

  it("shows a stored instant as Shanghai wall-clock time", () => {
    expect(isoToLocalDateTime(new Date("2027-03-01T01:00:00Z"), SH)).toBe("2027-03-01T09:00");
    expect(isoToLocalDateTime("2027-12-31T16:30:00Z", SH)).toBe("2028-01-01T00:30");
  });
});

describe("resource form → input", () => {
  it("creates with numbers, arrays and the optional fields left out", () => {
    const { input } = resourceFormToInput(readerOfValues(filled), "create", SH);
    expect(input).toEqual({
      kind: "course",
      titleZh: "管理会计学",
      titleEn: "Management Accounting",
      summaryZh: "面向企业管理的会计方法。",
      descriptionMd: "## 内容",
      fieldCode: "041",
      level: 6,
      creditsX100: 250,
      learningHours: 40,
      outcomes: [
        { zh: "编制预算", en: "Prepare a budget" },
        { zh: "", en: "Read a cost report" },
      ],
      languages: ["zh", "en"],
      deliveryMode: "online",
      completionRule: { minScore: 60, minAttendancePct: null },
      enrolOpensAt: "2027-03-01T09:00:00+08:00",
      offers: { learner: { amountMinor: 19900 } },
    });
    for (const key of ["summaryEn", "assessment", "capacity", "enrolClosesAt", "slug"]) {
      expect(input).not.toHaveProperty(key);
    }
    expect(createResourceSchema.safeParse(input).success).toBe(true);
  });

  it("updates with empty optional fields cleared (null) and offers removed", () => {
    const { input } = resourceFormToInput(readerOfValues(filled), "update", SH);
    expect(input).toMatchObject({
      summaryEn: "",
      capacity: null,
      enrolClosesAt: null,
      offers: { learner: { amountMinor: 19900 }, seat: null, siteLicence: null },
    });
    expect(input).not.toHaveProperty("kind");
    expect(updateResourceSchema.safeParse(input).success).toBe(true);
  });

  it("keeps a seat offer's minimum quantity, defaulting to 1", () => {
    const a = resourceFormToInput(
      readerOfValues({ ...filled, seatPrice: "150", seatMinQuantity: "10" }),
      "create",
      SH,
    );
    expect(a.input.offers).toMatchObject({ seat: { amountMinor: 15000, minQuantity: 10 } });
    const b = resourceFormToInput(readerOfValues({ ...filled, seatPrice: "150" }), "create", SH);
    expect(b.input.offers).toMatchObject({ seat: { amountMinor: 15000, minQuantity: 1 } });
  });

  it("puts one licence term on both institutional offers, 12 months when empty", () => {
    const both = { ...filled, seatPrice: "150", siteLicencePrice: "9000" };
    const a = resourceFormToInput(
      readerOfValues({ ...both, licenceTermMonths: "24" }),
      "create",
      SH,
    );
    expect(a.input.offers).toMatchObject({
      seat: { termMonths: 24 },
      siteLicence: { amountMinor: 900000, termMonths: 24 },
    });
    const b = resourceFormToInput(readerOfValues(both), "create", SH);
    expect(b.input.offers).toMatchObject({
      seat: { termMonths: 12 },
      siteLicence: { termMonths: 12 },
    });
    const bad = resourceFormToInput(
      readerOfValues({ ...both, licenceTermMonths: "1.5" }),
      "create",
      SH,
    );
    const parsed = createResourceSchema.safeParse(bad.input);
    expect(parsed.success).toBe(false);
  });

  it("passes what cannot be converted on as typed, so the schema names the field", () => {
    const { input, names } = resourceFormToInput(
      readerOfValues({ ...filled, credits: "1.005", learnerPrice: "free", enrolOpensAt: "soon" }),
      "create",
      SH,
    );
    expect(input.creditsX100).toBe("1.005");
    const parsed = createResourceSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining(["creditsX100", "offers.learner.amountMinor", "enrolOpensAt"]),
    );
    expect(
      toFormFieldErrors(
        {
          creditsX100: { code: "invalid" },
          "offers.learner.amountMinor": { code: "invalid" },
          "outcomes.1.en": { code: "too_long", max: 500 },
        },
        names,
      ),
    ).toEqual({
      credits: { code: "invalid" },
      learnerPrice: { code: "invalid" },
      // the second kept outcome is the form's third row (the empty second row was dropped)
      "outcomes.2.en": { code: "too_long", max: 500 },
    });
  });

  it("words range errors of numbers and a missing language plainly", () => {
    expect(
      toFormFieldErrors(
        {
          creditsX100: { code: "too_long", max: 10000 },
          languages: { code: "too_short", min: 1 },
          "languages.0": { code: "invalid_choice" },
        },
        {},
      ),
    ).toEqual({ credits: { code: "invalid" }, languages: { code: "required" } });
  });

  it("round-trips a stored version through the form", () => {
    const values = resourceToFormValues(
      {
        titleZh: "管理会计学",
        titleEn: "Management Accounting",
        summaryZh: "摘要",
        summaryEn: "Summary",
        descriptionMd: "",
        fieldCode: "041",
        level: 6,
        creditsX100: 250,
        learningHours: 40,
        outcomes: [{ zh: "编制预算", en: "Prepare a budget" }],
        languages: ["zh", "en"],
        deliveryMode: "blended",
        assessment: "",
        minScore: 60,
        minAttendancePct: null,
        prerequisites: "",
        capacity: 30,
        enrolOpensAt: new Date("2027-03-01T01:00:00Z"),
        enrolClosesAt: null,
        offers: { learner: { amountMinor: 19900 }, seat: null, siteLicence: null },
      },
      SH,
    );
    expect(values).toMatchObject({ credits: "2.5", learnerPrice: "199.00", capacity: "30" });
    const { input } = resourceFormToInput(readerOfValues(values), "update", SH);
    expect(input).toMatchObject({
      creditsX100: 250,
      capacity: 30,
      enrolOpensAt: "2027-03-01T09:00:00+08:00",
      outcomes: [{ zh: "编制预算", en: "Prepare a budget" }],
      offers: { learner: { amountMinor: 19900 }, seat: null, siteLicence: null },
    });
  });

  it("sends only the fields that differ from the prefilled values", () => {
    const before = resourceFormToInput(readerOfValues(filled), "update", SH).input;
    const after = resourceFormToInput(
      readerOfValues({ ...filled, titleEn: "Managerial Accounting", seatPrice: "100" }),
      "update",
      SH,
    ).input;
    expect(changedOnly(after, before)).toEqual({
      titleEn: "Managerial Accounting",
      offers: { seat: { amountMinor: 10000, minQuantity: 1, termMonths: 12 } },
    });
    expect(changedOnly(before, before)).toEqual({});
  });
});
