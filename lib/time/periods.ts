import { TZDate } from "@date-fns/tz";

/**
 * Calendar periods of the alliance's zone as instants (PRODUCT.md §3: statement periods and
 * academic years use the alliance time zone). @date-fns/tz does the zone arithmetic from the
 * runtime's IANA data, so summer-time changes are handled by a maintained library, not by an
 * offset guessed here. Periods are half-open: start ≤ t < end.
 */
export type Period = { start: Date; end: Date };

const instant = (d: TZDate) => new Date(d.getTime());

/** The calendar month of `date` as lived in `timeZone`: local midnight of the 1st to the next 1st. */
export function monthPeriodOf(
  date: Date,
  timeZone: string,
): Period & { year: number; month: number } {
  const local = new TZDate(date.getTime(), timeZone);
  const year = local.getFullYear();
  const month = local.getMonth();
  return {
    year,
    month: month + 1,
    start: instant(new TZDate(year, month, 1, timeZone)),
    end: instant(new TZDate(year, month + 1, 1, timeZone)),
  };
}

/** The academic year starts on 1 September, local midnight (docs/DECISIONS.md). */
export const ACADEMIC_YEAR_START_MONTH = 9;

/**
 * The academic year of `date` in `timeZone`: 1 September 00:00 to the next 1 September 00:00,
 * named by its two calendar years ("2026-2027"), with `startYear` 2026.
 */
export function academicYearOf(
  date: Date,
  timeZone: string,
): Period & { startYear: number; label: string } {
  const local = new TZDate(date.getTime(), timeZone);
  const startMonth = ACADEMIC_YEAR_START_MONTH - 1;
  const startYear = local.getMonth() >= startMonth ? local.getFullYear() : local.getFullYear() - 1;
  return {
    startYear,
    label: `${startYear}-${startYear + 1}`,
    start: instant(new TZDate(startYear, startMonth, 1, timeZone)),
    end: instant(new TZDate(startYear + 1, startMonth, 1, timeZone)),
  };
}
