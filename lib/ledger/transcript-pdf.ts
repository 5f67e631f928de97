import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { formatCredits } from "@/lib/format";
import type { LedgerBalances } from "./balances";
import type { LedgerEntryView } from "./entries";
import type { InstitutionRef } from "./labels";
import { patchedFontkit, transcriptFontBytes } from "./pdf-font";

/** The words of the PDF, in the request's language (the `ledger` messages). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export type TranscriptPdfInput = {
  locale: string;
  timeZone: string;
  allianceName: string;
  holderName: string;
  accountNumber: string;
  generatedAt: Date;
  balances: LedgerBalances;
  entries: LedgerEntryView[];
  t: Translate;
};

// A4 portrait, in points.
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const FOOTER = 28;
/** Each entry takes three lines (what, where from, its hash); pages hold whole entries only. */
export const ENTRY_HEIGHT = 36;
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.33, 0.36, 0.4);
const RULE = rgb(0.8, 0.82, 0.85);

/** One line: no control characters, runs of white space as one space (pdf-lib breaks on \n). */
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f\s]+/g, " ").trim();

class Writer {
  readonly doc: PDFDocument;
  readonly font: PDFFont;
  page!: PDFPage;
  y = 0;

  constructor(doc: PDFDocument, font: PDFFont) {
    this.doc = doc;
    this.font = font;
    this.newPage();
  }

  newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  /** Room for `height` more points on this page, or a fresh page. */
  need(height: number) {
    if (this.y - height < MARGIN + FOOTER) this.newPage();
  }

  /** The text cut with an ellipsis to fit `width` points. */
  fit(text: string, size: number, width: number): string {
    const s = oneLine(text);
    if (this.font.widthOfTextAtSize(s, size) <= width) return s;
    // The longest prefix that fits with its ellipsis, by bisection (each measure lays text out).
    const chars = [...s];
    let [lo, hi] = [0, chars.length];
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const fits = this.font.widthOfTextAtSize(`${chars.slice(0, mid).join("")}…`, size) <= width;
      if (fits) lo = mid;
      else hi = mid - 1;
    }
    return `${chars.slice(0, lo).join("")}…`;
  }

  text(s: string, x: number, size: number, opts: { width?: number; color?: typeof INK } = {}) {
    const width = opts.width ?? PAGE.width - MARGIN - x;
    this.page.drawText(this.fit(s, size, width), {
      x,
      y: this.y,
      size,
      font: this.font,
      color: opts.color ?? INK,
    });
  }

  /** Text whose right edge is at `right`. */
  right(s: string, right: number, size: number, color = INK) {
    const w = this.font.widthOfTextAtSize(oneLine(s), size);
    this.page.drawText(oneLine(s), { x: right - w, y: this.y, size, font: this.font, color });
  }

  rule() {
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: PAGE.width - MARGIN, y: this.y },
      thickness: 0.5,
      color: RULE,
    });
  }
}

const pickName = (locale: string, zh: string | null, en: string | null) =>
  (locale === "zh-CN" ? zh || en : en || zh) ?? "";

/**
 * The transcript as a PDF (A4): who and when, the banked balance by level, field and source,
 * recognitions per institution, then every entry in chain order with its source and full hash.
 * The CJK font is embedded as a subset, so a transcript of a few pages stays tens of kilobytes.
 */
export async function renderTranscriptPdf(input: TranscriptPdfInput): Promise<Uint8Array> {
  const { locale, t, balances } = input;
  const doc = await PDFDocument.create();
  doc.registerFontkit(patchedFontkit);
  const font = await doc.embedFont(await transcriptFontBytes(), { subset: true });
  const title = `${input.allianceName} · ${t("transcriptTitle")}`;
  doc.setTitle(title);
  doc.setAuthor(input.allianceName);
  doc.setSubject(input.accountNumber);
  doc.setCreator(input.allianceName);
  doc.setProducer("pdf-lib");
  doc.setCreationDate(input.generatedAt);
  doc.setModificationDate(input.generatedAt);
  doc.setLanguage(locale);

  const w = new Writer(doc, font);
  const credits = (x: number) => formatCredits(x, locale);
  const inst = (r: InstitutionRef | null) =>
    r ? pickName(locale, r.nameZh, r.nameEn) : t("unknownSource");
  const generated = new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: input.timeZone,
  }).format(input.generatedAt);
  const right = PAGE.width - MARGIN;
  // ISO-like calendar days (2026-03-01) in the alliance's zone, the same in both languages.
  const dayOf = new Intl.DateTimeFormat("en-CA", { timeZone: input.timeZone });

  w.text(title, MARGIN, 16);
  w.y -= 22;
  w.text(`${t("holder")}: ${input.holderName}`, MARGIN, 10);
  w.y -= 14;
  w.text(`${t("accountNumber")}: ${input.accountNumber}`, MARGIN, 10);
  w.y -= 14;
  w.text(t("generatedAt", { date: generated }), MARGIN, 10, { color: MUTED });
  w.y -= 24;

  w.text(t("banked"), MARGIN, 12);
  w.right(credits(balances.banked.creditsX100), right, 12);
  w.y -= 14;
  if (balances.banked.frozenX100 !== 0) {
    w.text(t("frozenNote", { credits: credits(balances.banked.frozenX100) }), MARGIN, 9, {
      color: MUTED,
    });
    w.y -= 14;
  }
  const group = (heading: string, lines: [string, string][], note?: string) => {
    if (lines.length === 0) return;
    w.need(22 + 13 * Math.min(lines.length, 3));
    w.y -= 8;
    w.text(heading, MARGIN, 11);
    w.y -= 14;
    if (note) {
      w.text(note, MARGIN, 8.5, { color: MUTED });
      w.y -= 12;
    }
    for (const [label, value] of lines) {
      w.need(13);
      w.text(label, MARGIN + 12, 9.5, { width: 380 });
      w.right(value, right, 9.5);
      w.y -= 13;
    }
  };
  const frozenSuffix = (f: number) =>
    f !== 0 ? ` (${t("frozenShort", { credits: credits(f) })})` : "";
  group(
    t("byLevel"),
    balances.byLevel.map((g) => [
      g.level === null ? t("noLevel") : pickName(locale, g.labelZh, g.labelEn) || String(g.level),
      credits(g.creditsX100) + frozenSuffix(g.frozenX100),
    ]),
  );
  group(
    t("byField"),
    balances.byField.map((g) => [
      g.fieldCode === null
        ? t("noField")
        : `${g.fieldCode} ${pickName(locale, g.nameZh, g.nameEn)}`.trim(),
      credits(g.creditsX100) + frozenSuffix(g.frozenX100),
    ]),
  );
  group(
    t("bySource"),
    balances.bySource.map((g) => [
      inst(g.institution),
      credits(g.creditsX100) + frozenSuffix(g.frozenX100),
    ]),
  );
  group(
    t("recognitions"),
    balances.recognitions.map((g) => [
      inst(g.institution),
      t("recognitionLine", { credits: credits(g.creditsX100), count: g.count }),
    ]),
    t("recognitionsNote"),
  );

  w.need(40 + ENTRY_HEIGHT);
  w.y -= 14;
  w.text(t("entriesTitle"), MARGIN, 12);
  w.y -= 8;
  w.rule();
  w.y -= 14;
  if (input.entries.length === 0) w.text(t("noEntries"), MARGIN, 9.5, { color: MUTED });
  for (const e of input.entries) {
    w.need(ENTRY_HEIGHT);
    const entryTitle = pickName(locale, e.titleZh, e.titleEn) || t(`kind_${e.kind}`);
    w.text(`#${e.seq}`, MARGIN, 9.5, { width: 34 });
    w.text(e.completedOn ?? dayOf.format(new Date(e.recordedAt)), MARGIN + 36, 9.5, { width: 62 });
    w.text(t(`kind_${e.kind}`), MARGIN + 100, 9.5, { width: 62 });
    w.text(entryTitle, MARGIN + 164, 9.5, { width: 270 });
    w.right(credits(e.creditsX100), right, 9.5);
    w.y -= 11;
    const details = [
      e.kind === "recognition" ? inst(e.target) : inst(e.source),
      e.level === null ? null : `${t("level")} ${e.level}`,
      e.fieldCode,
      e.reversesSeq === null
        ? null
        : t(e.kind === "expiry" ? "expires" : "reverses", { seq: e.reversesSeq }),
      e.frozen ? t("frozen") : null,
    ].filter((x): x is string => !!x);
    w.text(details.join(" · "), MARGIN + 36, 8, { color: MUTED });
    w.y -= 10;
    w.text(`${t("hash")} ${e.hash}`, MARGIN + 36, 7, { color: MUTED });
    w.y -= ENTRY_HEIGHT - 21;
  }

  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const footer = `${input.accountNumber} · ${t("page", { page: i + 1, pages: pages.length })}`;
    const size = 8;
    page.drawText(footer, {
      x: PAGE.width - MARGIN - font.widthOfTextAtSize(footer, size),
      y: MARGIN - 12,
      size,
      font,
      color: MUTED,
    });
  });
  return doc.save();
}
