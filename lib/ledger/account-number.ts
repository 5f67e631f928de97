/**
 * Learning account numbers (PRODUCT.md §7): `CB-<year>-<7-digit sequence>-<check>`, the check
 * character by ISO/IEC 7064 MOD 11-2 over the 11 digits of year and sequence, `X` for 10 — the
 * scheme of the Chinese resident ID number. Pure functions.
 */

/** ISO/IEC 7064 MOD 11-2 check character of a string of digits. */
export function mod112Check(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new Error("MOD 11-2 takes digits only");
  let p = 0;
  for (const d of digits) p = ((p + Number(d)) * 2) % 11;
  const c = (12 - p) % 11;
  return c === 10 ? "X" : String(c);
}

export function formatAccountNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error("Bad year");
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9_999_999) {
    throw new Error("Bad sequence");
  }
  const digits = `${year}${String(sequence).padStart(7, "0")}`;
  return `CB-${year}-${digits.slice(4)}-${mod112Check(digits)}`;
}

const NUMBER = /^CB-(\d{4})-(\d{7})-([0-9X])$/;

/** True when `s` is well formed and its check character is right. */
export function isAccountNumber(s: string): boolean {
  const m = NUMBER.exec(s);
  return !!m && mod112Check(m[1]! + m[2]!) === m[3];
}
