import type { FieldErrors, FieldIssue } from "@/lib/errors";
import { minorToDecimal, parseMinorUnits } from "@/lib/money/minor-units";
import { isoToWallClock, wallClockToIso } from "@/lib/time/wall-clock";

/**
 * The resource form's strings → the input shape of `schemas.ts` (numbers as numbers, arrays as
 * arrays), and back for prefilling. Pure: the server actions call it, the unit tests pin it.
 * A value that cannot be converted is passed on as typed, so the service's schema refuses it
 * and names the field like any other bad input.
 */

export const OUTCOME_ROWS = 5;
export const MAX_OUTCOMES = 20;

/** What the converters read: FormData, or the plain values a form was prefilled with. */
export type FormReader = { get(name: string): string; getAll(name: string): string[] };

export function readerOfForm(form: FormData): FormReader {
  return {
    get: (name) => {
      const v = form.get(name);
      return typeof v === "string" ? v : "";
    },
    getAll: (name) => form.getAll(name).filter((v): v is string => typeof v === "string"),
  };
}

/** Form values as strings; several checked boxes of one name are joined by commas. */
export function readerOfValues(values: Record<string, string>): FormReader {
  return {
    get: (name) => values[name] ?? "",
    getAll: (name) => (values[name] ? values[name].split(",") : []),
  };
}

// NFKC turns full-width digits and points (typed with a Chinese IME) into ASCII ones.
const clean = (text: string) => text.normalize("NFKC").trim();

/**
 * An exact decimal string → integer in units of 10^-scale ("2.5", 2 → 250), through the money
 * converter (lib/money/minor-units.ts): digits are shifted, never multiplied as floats. Empty →
 * null; signs, more decimals than `scale` (unless zeros), exponents or words → "invalid".
 */
export function decimalToScaledInt(text: string, scale: number): number | null | "invalid" {
  const s = clean(text);
  if (s === "") return null;
  if (s.startsWith("-")) return "invalid"; // amounts typed in forms are never negative
  const r = parseMinorUnits(s, scale);
  return r.ok ? r.value : "invalid";
}

export const creditsToX100 = (text: string) => decimalToScaledInt(text, 2);
export const yuanToMinor = (text: string) => decimalToScaledInt(text, 2);
export const wholeNumber = (text: string) => decimalToScaledInt(text, 0);

/** 250 → "2.5", 300 → "3" (credits); with `fixed` 19900 → "199.00" (money). */
export function scaledIntToDecimal(n: number, scale: number, fixed = false): string {
  return minorToDecimal(n, scale, { trim: !fixed });
}

/**
 * A `datetime-local` value, read as wall-clock time in `timeZone` (the alliance's), → ISO 8601
 * with that zone's offset ("2027-03-01T09:00" → "2027-03-01T09:00:00+08:00"). Empty → null;
 * malformed → "invalid".
 */
export function localDateTimeToIso(text: string, timeZone: string): string | null | "invalid" {
  const s = clean(text);
  if (s === "") return null;
  return wallClockToIso(s, timeZone) ?? "invalid";
}

/** An instant → the `datetime-local` value of its wall-clock time in `timeZone`. */
export function isoToLocalDateTime(date: Date | string, timeZone: string): string {
  return isoToWallClock(date, timeZone);
}

type Mode = "create" | "update";
type Input = Record<string, unknown>;

/** Schema paths whose form field has another name (outcome rows are added per conversion). */
const formNameOf: Record<string, string> = {
  creditsX100: "credits",
  "completionRule.minScore": "minScore",
  "completionRule.minAttendancePct": "minAttendancePct",
  "offers.learner.amountMinor": "learnerPrice",
  "offers.seat.amountMinor": "seatPrice",
  "offers.seat.minQuantity": "seatMinQuantity",
  "offers.seat.termMonths": "licenceTermMonths",
  "offers.siteLicence.termMonths": "licenceTermMonths",
  "offers.siteLicence.amountMinor": "siteLicencePrice",
};

/** Form fields holding numbers: a range error there is worded by the field's hint instead. */
const numericFields = new Set([
  "level",
  "credits",
  "learningHours",
  "capacity",
  "minScore",
  "minAttendancePct",
  "learnerPrice",
  "seatPrice",
  "seatMinQuantity",
  "siteLicencePrice",
  "licenceTermMonths",
]);

export type ResourceFormInput = { input: Input; names: Record<string, string> };

/**
 * The resource form → create or update input; `names` maps schema paths back to form fields.
 * Dates are read as wall-clock times of `timeZone`, the alliance's (getAllianceTimeZone).
 */
export function resourceFormToInput(
  read: FormReader,
  mode: Mode,
  timeZone: string,
): ResourceFormInput {
  const input: Input = {};
  const names: Record<string, string> = { ...formNameOf };
  const isCreate = mode === "create";
  // Create: an empty field is left out (schema defaults apply, required ones are named).
  // Update: an empty field clears the value (null), or is named when the value is required.
  const put = (key: string, value: unknown, empty: unknown = null) => {
    if (value !== null && value !== "") input[key] = value;
    else if (!isCreate) input[key] = value === "" ? "" : empty;
  };
  const converted = <T>(raw: string, v: T | "invalid") => (v === "invalid" ? raw : v);

  if (isCreate) {
    put("kind", clean(read.get("kind")));
    put("slug", clean(read.get("slug")));
  }
  for (const key of ["titleZh", "titleEn", "summaryZh", "summaryEn", "assessment"]) {
    put(key, read.get(key).trim());
  }
  for (const key of ["descriptionMd", "prerequisites"]) put(key, read.get(key).trim());
  put("fieldCode", clean(read.get("fieldCode")) || null);
  put("deliveryMode", clean(read.get("deliveryMode")) || null);
  put("level", converted(read.get("level"), wholeNumber(read.get("level"))));
  put("creditsX100", converted(read.get("credits"), creditsToX100(read.get("credits"))));
  put(
    "learningHours",
    converted(read.get("learningHours"), wholeNumber(read.get("learningHours"))),
  );
  put("capacity", converted(read.get("capacity"), wholeNumber(read.get("capacity"))));

  const outcomes: { zh: string; en: string }[] = [];
  for (let row = 0; row < MAX_OUTCOMES; row++) {
    const zh = read.get(`outcomes.${row}.zh`).trim();
    const en = read.get(`outcomes.${row}.en`).trim();
    if (!zh && !en) continue;
    const i = outcomes.length;
    outcomes.push({ zh, en });
    names[`outcomes.${i}.zh`] = `outcomes.${row}.zh`;
    names[`outcomes.${i}.en`] = `outcomes.${row}.en`;
  }
  if (outcomes.length > 0 || !isCreate) input.outcomes = outcomes;

  const languages = read.getAll("languages").map(clean).filter(Boolean);
  if (languages.length > 0 || !isCreate) input.languages = languages;

  const minScore = read.get("minScore");
  const minAttendancePct = read.get("minAttendancePct");
  input.completionRule = {
    minScore: converted(minScore, wholeNumber(minScore)),
    minAttendancePct: converted(minAttendancePct, wholeNumber(minAttendancePct)),
  };

  for (const key of ["enrolOpensAt", "enrolClosesAt"]) {
    put(key, converted(read.get(key), localDateTimeToIso(read.get(key), timeZone)));
  }

  const offers: Input = {};
  const price = (name: string) => converted(read.get(name), yuanToMinor(read.get(name)));
  const learner = price("learnerPrice");
  const seat = price("seatPrice");
  const seatMin = converted(read.get("seatMinQuantity"), wholeNumber(read.get("seatMinQuantity")));
  const site = price("siteLicencePrice");
  // One term for both institutional offers: a licence runs that many months (default 12).
  const term = converted(read.get("licenceTermMonths"), wholeNumber(read.get("licenceTermMonths")));
  const termMonths = term ?? 12;
  if (learner !== null) offers.learner = { amountMinor: learner };
  else if (!isCreate) offers.learner = null;
  if (seat !== null) offers.seat = { amountMinor: seat, minQuantity: seatMin ?? 1, termMonths };
  else if (!isCreate) offers.seat = null;
  if (site !== null) offers.siteLicence = { amountMinor: site, termMonths };
  else if (!isCreate) offers.siteLicence = null;
  if (Object.keys(offers).length > 0) input.offers = offers;

  return { input, names };
}

/**
 * Keep only what differs from the values the form was prefilled with: an untouched field is
 * not sent, so it neither overwrites someone else's change nor counts as a change at all.
 * Offers are compared one by one.
 */
export function changedOnly(current: Input, baseline: Input): Input {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const out: Input = {};
  for (const [key, value] of Object.entries(current)) {
    if (key === "offers" && value && typeof value === "object") {
      const before = (baseline.offers ?? {}) as Input;
      const offers = Object.fromEntries(
        Object.entries(value).filter(([kind, offer]) => !same(offer, before[kind])),
      );
      if (Object.keys(offers).length > 0) out.offers = offers;
    } else if (!same(value, baseline[key])) {
      out[key] = value;
    }
  }
  return out;
}

/** Service field errors (schema paths) → errors named by the form's own fields. */
export function toFormFieldErrors(fields: FieldErrors, names: Record<string, string>): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, issue] of Object.entries(fields)) {
    const name =
      names[path] ?? formNameOf[path] ?? (path.startsWith("languages") ? "languages" : path);
    let named: FieldIssue = issue;
    if (name === "languages" && issue.code === "too_short") named = { code: "required" };
    else if (numericFields.has(name) && (issue.code === "too_short" || issue.code === "too_long")) {
      named = { code: "invalid" };
    }
    out[name] ??= named;
  }
  return out;
}
