import { describe, expect, it } from "vitest";
import { windowOf } from "./rate-limit";

describe("fixed rate-limit windows", () => {
  it("start on the window boundary and count whole seconds to its end", () => {
    const w = windowOf(new Date("2026-12-01T08:00:15.250Z"), 60);
    expect(w.start).toEqual(new Date("2026-12-01T08:00:00Z"));
    expect(w.secondsLeft).toBe(45);
    expect(windowOf(new Date("2026-12-01T08:00:00Z"), 60)).toEqual({
      start: new Date("2026-12-01T08:00:00Z"),
      secondsLeft: 60,
    });
    // Never 0: "Retry-After: 0" would invite an immediate, still refused, retry.
    expect(windowOf(new Date("2026-12-01T08:00:59.999Z"), 60).secondsLeft).toBe(1);
    expect(windowOf(new Date("2026-12-01T08:59:59Z"), 3600).start).toEqual(
      new Date("2026-12-01T08:00:00Z"),
    );
  });
});
