import { isoToLocalDateTime, scaledIntToDecimal } from "./form-input";

/** The other direction: stored values → the strings a resource form is prefilled with. */

/** What the form shows for a stored version and its offers (the reverse of the conversion). */
export type ResourceFormSource = {
  titleZh: string;
  titleEn: string;
  summaryZh: string;
  summaryEn: string;
  descriptionMd: string;
  fieldCode: string;
  level: number;
  creditsX100: number;
  learningHours: number;
  outcomes: { zh: string; en: string }[];
  languages: string[];
  deliveryMode: string;
  assessment: string;
  minScore: number | null;
  minAttendancePct: number | null;
  prerequisites: string;
  capacity: number | null;
  enrolOpensAt: Date | null;
  enrolClosesAt: Date | null;
  offers: {
    learner: { amountMinor: number } | null;
    seat: { amountMinor: number; minQuantity: number; termMonths?: number } | null;
    siteLicence: { amountMinor: number; termMonths?: number } | null;
  };
};

/** Dates are shown as wall-clock times of `timeZone`, the alliance's (getAllianceTimeZone). */
export function resourceToFormValues(
  v: ResourceFormSource,
  timeZone: string,
): Record<string, string> {
  const num = (n: number | null) => (n === null ? "" : String(n));
  const money = (o: { amountMinor: number } | null) =>
    o ? scaledIntToDecimal(o.amountMinor, 2, true) : "";
  const values: Record<string, string> = {
    titleZh: v.titleZh,
    titleEn: v.titleEn,
    summaryZh: v.summaryZh,
    summaryEn: v.summaryEn,
    descriptionMd: v.descriptionMd,
    fieldCode: v.fieldCode,
    level: String(v.level),
    credits: scaledIntToDecimal(v.creditsX100, 2),
    learningHours: String(v.learningHours),
    languages: v.languages.join(","),
    deliveryMode: v.deliveryMode,
    assessment: v.assessment,
    minScore: num(v.minScore),
    minAttendancePct: num(v.minAttendancePct),
    prerequisites: v.prerequisites,
    capacity: num(v.capacity),
    enrolOpensAt: v.enrolOpensAt ? isoToLocalDateTime(v.enrolOpensAt, timeZone) : "",
    enrolClosesAt: v.enrolClosesAt ? isoToLocalDateTime(v.enrolClosesAt, timeZone) : "",
    learnerPrice: money(v.offers.learner),
    seatPrice: money(v.offers.seat),
    seatMinQuantity: v.offers.seat ? String(v.offers.seat.minQuantity) : "",
    siteLicencePrice: money(v.offers.siteLicence),
    licenceTermMonths: String(v.offers.seat?.termMonths ?? v.offers.siteLicence?.termMonths ?? 12),
  };
  v.outcomes.forEach((o, i) => {
    values[`outcomes.${i}.zh`] = o.zh;
    values[`outcomes.${i}.en`] = o.en;
  });
  return values;
}

/** The submitted strings to show again after an error (checked boxes joined, no baseline). */
export function formValuesOf(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v === "string" && !k.startsWith("$ACTION") && k !== "baseline") out[k] = v;
  }
  out.languages = form
    .getAll("languages")
    .filter((v) => typeof v === "string")
    .join(",");
  return out;
}
