/** RFC 4180 CSV → records keyed by the header row (quotes, doubled quotes, CRLF, BOM). */
export function parseCsv(text: string): { line: number; record: Record<string, string> }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      cells.push(cell);
      if (cells.some((x) => x !== "")) rows.push({ line: rowLine, cells });
      cells = [];
      cell = "";
      line++;
      rowLine = line;
    } else cell += c;
  }
  cells.push(cell);
  if (cells.some((x) => x !== "")) rows.push({ line: rowLine, cells });
  const [header, ...body] = rows;
  if (!header) return [];
  const keys = header.cells.map((h) => h.trim());
  return body.map(({ line: l, cells: cs }) => ({
    line: l,
    record: Object.fromEntries(keys.map((k, j) => [k, cs[j] ?? ""])),
  }));
}

const num = (v: string | undefined) =>
  v === undefined || v === "" ? undefined : /^-?\d+$/.test(v.trim()) ? Number(v) : v;
const list = (v: string | undefined, sep: string) =>
  v
    ? v
        .split(sep)
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/**
 * A flat CSV record → the create-resource input. Numbers stay strings when they are not
 * integers, so validation names the field instead of guessing.
 */
export function csvRecordToInput(r: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const copy = [
    "slug",
    "kind",
    "titleZh",
    "titleEn",
    "summaryZh",
    "summaryEn",
    "descriptionMd",
    "fieldCode",
    "deliveryMode",
    "assessment",
    "prerequisites",
  ];
  for (const k of copy) if (r[k] !== undefined && r[k] !== "") out[k] = r[k];
  for (const k of ["level", "creditsX100", "learningHours", "capacity"]) {
    const v = num(r[k]);
    if (v !== undefined) out[k] = v;
  }
  const languages = list(r.languages, ";");
  if (languages) out.languages = languages;
  const zh = list(r.outcomesZh, "|") ?? [];
  const en = list(r.outcomesEn, "|") ?? [];
  if (zh.length || en.length) {
    out.outcomes = Array.from({ length: Math.max(zh.length, en.length) }, (_, i) => ({
      zh: zh[i] ?? "",
      en: en[i] ?? "",
    }));
  }
  if (r.minScore || r.minAttendancePct) {
    out.completionRule = {
      minScore: num(r.minScore) ?? null,
      minAttendancePct: num(r.minAttendancePct) ?? null,
    };
  }
  const offers: Record<string, unknown> = {};
  if (r.learnerPriceMinor) offers.learner = { amountMinor: num(r.learnerPriceMinor) };
  if (r.seatPriceMinor)
    offers.seat = { amountMinor: num(r.seatPriceMinor), minQuantity: num(r.seatMinQuantity) ?? 1 };
  if (r.siteLicencePriceMinor) offers.siteLicence = { amountMinor: num(r.siteLicencePriceMinor) };
  if (Object.keys(offers).length) out.offers = offers;
  return out;
}
