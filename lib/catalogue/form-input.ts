import type { FieldErrors, FieldIssue } from "@/lib/errors";

/**
 * The resource form's strings → the input shape of `schemas.ts` (numbers as numbers, arrays as
 * arrays), and back for prefilling. Pure: the server actions call it, the unit tests pin it.
 * A value that cannot be converted is passed on as typed, so the service's schema refuses it
 * and names the field like any other bad input.
 */

export const FORM_TIME_ZONE = "Asia/Shanghai";
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
 * An exact decimal string → integer in units of 10^-scale ("2.5", 2 → 250). No floats are
 * multiplied: the digits are shifted. Empty → null; more decimals than `scale` (unless zeros),
 * signs, exponents or words → "invalid".
 */
export function decimalToScaledInt(text: string, scale: number): number | null | "invalid" {
  const s = clean(text);
  if (s === "") return null;
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === "" && !m[2])) return "invalid";
  const whole = m[1] ?? "";
  const fraction = (m[2] ?? "").replace(/0+$/, "");
  if (fraction.length > scale) return "invalid";
  const digits = `${whole}${fraction.padEnd(scale, "0")}`.replace(/^0+(?=\d)/, "");
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : "invalid";
}

export const creditsToX100 = (text: string) => decimalToScaledInt(text, 2);
export const yuanToMinor = (text: string) => decimalToScaledInt(text, 2);
export const wholeNumber = (text: string) => decimalToScaledInt(text, 0);

/** 250 → "2.5", 300 → "3" (credits); with `fixed` 19900 → "199.00" (money). */
export function scaledIntToDecimal(n: number, scale: number, fixed = false): string {
  const sign = n < 0 ? "-" : "";
  const digits = String(Math.abs(n)).padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  let fraction = digits.slice(digits.length - scale);
  if (!fixed) fraction = fraction.replace(/0+$/, "");
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

function offsetMinutesAt(instant: number, timeZone: string): number {
  const name =
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(new Date(instant))
      .find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A `datetime-local` value, read as wall-clock time in `timeZone`, → ISO 8601 with that zone's
 * offset ("2027-03-01T09:00" → "2027-03-01T09:00:00+08:00"). Empty → null; malformed → "invalid".
 */
export function localDateTimeToIso(
  text: string,
  timeZone = FORM_TIME_ZONE,
): string | null | "invalid" {
  const s = clean(text);
  if (s === "") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (!m) return "invalid";
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!, se!);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d! || h! > 23 || mi! > 59) {
    return "invalid";
  }
  // The offset at the instant meant; a second look settles a guess that fell across a change.
  let offset = offsetMinutesAt(asUtc - offsetMinutesAt(asUtc, timeZone) * 60_000, timeZone);
  offset = offsetMinutesAt(asUtc - offset * 60_000, timeZone);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const local = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}`;
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant → the `datetime-local` value of its wall-clock time in `timeZone`. */
export function isoToLocalDateTime(date: Date | string, timeZone = FORM_TIME_ZONE): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(date))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
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
]);

export type ResourceFormInput = { input: Input; names: Record<string, string> };

/** The resource form → create or update input; `names` maps schema paths back to form fields. */
export function resourceFormToInput(read: FormReader, mode: Mode): ResourceFormInput {
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
    put(key, converted(read.get(key), localDateTimeToIso(read.get(key))));
  }

  const offers: Input = {};
  const price = (name: string) => converted(read.get(name), yuanToMinor(read.get(name)));
  const learner = price("learnerPrice");
  const seat = price("seatPrice");
  const seatMin = converted(read.get("seatMinQuantity"), wholeNumber(read.get("seatMinQuantity")));
  const site = price("siteLicencePrice");
  if (learner !== null) offers.learner = { amountMinor: learner };
  else if (!isCreate) offers.learner = null;
  if (seat !== null) offers.seat = { amountMinor: seat, minQuantity: seatMin ?? 1 };
  else if (!isCreate) offers.seat = null;
  if (site !== null) offers.siteLicence = { amountMinor: site };
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
