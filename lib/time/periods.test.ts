import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { academicYearOf, monthPeriodOf } from "./periods";

const iso = (p: { start: Date; end: Date }) => [p.start.toISOString(), p.end.toISOString()];

describe("monthPeriodOf", () => {
  it("is the local calendar month in Asia/Shanghai (UTC+8, no summer time)", () => {
    // 31 Jan 17:00 UTC is already 1 February in Shanghai.
    const p = monthPeriodOf(new Date("2027-01-31T17:00:00Z"), "Asia/Shanghai");
    expect([p.year, p.month]).toEqual([2027, 2]);
    expect(iso(p)).toEqual(["2027-01-31T16:00:00.000Z", "2027-02-28T16:00:00.000Z"]);
  });

  it("is 31 days less one hour in Europe/Berlin's March (summer time starts)", () => {
    const p = monthPeriodOf(new Date("2027-03-15T12:00:00Z"), "Europe/Berlin");
    expect(iso(p)).toEqual(["2027-02-28T23:00:00.000Z", "2027-03-31T22:00:00.000Z"]);
    expect(p.end.getTime() - p.start.getTime()).toBe((31 * 24 - 1) * 3600_000);
  });

  it("is 31 days and one hour in Europe/Berlin's October (summer time ends)", () => {
    const p = monthPeriodOf(new Date("2027-10-31T22:30:00Z"), "Europe/Berlin");
    expect([p.year, p.month]).toEqual([2027, 10]);
    expect(iso(p)).toEqual(["2027-09-30T22:00:00.000Z", "2027-10-31T23:00:00.000Z"]);
    expect(p.end.getTime() - p.start.getTime()).toBe((31 * 24 + 1) * 3600_000);
  });

  it("puts the last instant of December in December and the next in January", () => {
    const zone = "Asia/Shanghai";
    const dec = monthPeriodOf(new Date("2026-12-31T15:59:59.999Z"), zone);
    const jan = monthPeriodOf(new Date("2026-12-31T16:00:00.000Z"), zone);
    expect([dec.year, dec.month, jan.year, jan.month]).toEqual([2026, 12, 2027, 1]);
    expect(dec.end).toEqual(jan.start);
  });

  it("always contains the date, and months tile the timeline", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
        fc.constantFrom("Asia/Shanghai", "Europe/Berlin", "America/New_York", "Asia/Kolkata"),
        (d, zone) => {
          const p = monthPeriodOf(d, zone);
          expect(p.start.getTime()).toBeLessThanOrEqual(d.getTime());
          expect(d.getTime()).toBeLessThan(p.end.getTime());
          expect(monthPeriodOf(p.end, zone).start).toEqual(p.end);
          expect(monthPeriodOf(new Date(p.start.getTime() - 1), zone).end).toEqual(p.start);
        },
      ),
    );
  });
});

describe("academicYearOf", () => {
  it("starts on 1 September at local midnight in Shanghai", () => {
    const y = academicYearOf(new Date("2026-08-31T16:00:00Z"), "Asia/Shanghai");
    expect([y.startYear, y.label]).toEqual([2026, "2026-2027"]);
    expect(iso(y)).toEqual(["2026-08-31T16:00:00.000Z", "2027-08-31T16:00:00.000Z"]);
    // One millisecond earlier it was still 31 August in Shanghai: the previous year.
    expect(academicYearOf(new Date("2026-08-31T15:59:59.999Z"), "Asia/Shanghai").label).toBe(
      "2025-2026",
    );
  });

  it("counts January to August in the year that began the September before", () => {
    expect(academicYearOf(new Date("2027-06-30T12:00:00Z"), "Asia/Shanghai").label).toBe(
      "2026-2027",
    );
  });

  it("uses Berlin's summer offset on 1 September", () => {
    const y = academicYearOf(new Date("2027-01-10T12:00:00Z"), "Europe/Berlin");
    expect(iso(y)).toEqual(["2026-08-31T22:00:00.000Z", "2027-08-31T22:00:00.000Z"]);
  });
});
