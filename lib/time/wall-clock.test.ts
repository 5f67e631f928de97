import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoToWallClock, wallClockToIso } from "./wall-clock";

describe("wall-clock times of a zone", () => {
  it("gets Shanghai's +08:00 and Berlin's winter and summer offsets", () => {
    expect(wallClockToIso("2027-03-01T09:00", "Asia/Shanghai")).toBe("2027-03-01T09:00:00+08:00");
    expect(wallClockToIso("2027-01-01T12:00", "Europe/Berlin")).toBe("2027-01-01T12:00:00+01:00");
    expect(wallClockToIso("2027-07-01T12:00", "Europe/Berlin")).toBe("2027-07-01T12:00:00+02:00");
    expect(wallClockToIso("2027-05-01T08:15:30", "Asia/Kolkata")).toBe("2027-05-01T08:15:30+05:30");
    expect(wallClockToIso("2027-05-01T08:00", "America/New_York")).toBe(
      "2027-05-01T08:00:00-04:00",
    );
  });

  it("moves a time skipped by spring-forward to one that exists, and names it truly", () => {
    // Berlin 28 March 2027: 02:00 → 03:00. 02:30 does not exist.
    const text = wallClockToIso("2027-03-28T02:30", "Europe/Berlin");
    expect(text).toBe("2027-03-28T03:30:00+02:00");
    expect(Date.parse(text!)).toBe(Date.parse("2027-03-28T01:30:00Z"));
  });

  it("refuses what is no date", () => {
    for (const bad of ["2027-02-30T09:00", "2027-13-01T09:00", "2027-01-01T24:00", "2027-01-01T10:60", "tomorrow", "2027-01-01"]) {
      expect(wallClockToIso(bad, "Asia/Shanghai"), bad).toBeNull();
    } // prettier-ignore
  });

  it("shows an instant as the zone's wall clock", () => {
    expect(isoToWallClock("2027-12-31T16:30:00Z", "Asia/Shanghai")).toBe("2028-01-01T00:30");
    expect(isoToWallClock(new Date("2027-07-01T10:00:00Z"), "Europe/Berlin")).toBe(
      "2027-07-01T12:00",
    );
  });

  it("round-trips every instant (whole minutes) in zones with and without summer time", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 * 365 * 30 }),
        fc.constantFrom("Asia/Shanghai", "Europe/Berlin", "America/New_York"),
        (minutes, zone) => {
          const at = new Date(Date.UTC(2010, 0, 1) + minutes * 60_000);
          const iso = wallClockToIso(isoToWallClock(at, zone), zone)!;
          // In the repeated autumn hour the wall clock is ambiguous: either reading is honest.
          const diff = Date.parse(iso) - at.getTime();
          expect([0, -3600_000, 3600_000]).toContain(diff);
          expect(isoToWallClock(new Date(iso), zone)).toBe(isoToWallClock(at, zone));
        },
      ),
    );
  });
});
