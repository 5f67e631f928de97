import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTranslator } from "next-intl";
import { EntriesTable } from "@/components/ledger/entries-table";
import { loadMessages } from "@/i18n/messages";
import { expireLapsedDeposits } from "@/lib/ledger/expiry";
import { getMyLedger, getMyTranscript } from "@/lib/ledger/queries";
import { transcriptJson } from "@/lib/ledger/transcript-json";
import { renderTranscriptPdf } from "@/lib/ledger/transcript-pdf";
import { learner, sellerWithCourse } from "../support/commerce-fixtures";
import { setValidity } from "../support/expiry-fixtures";
import { depositFor } from "../support/ledger-fixtures";

// The learner's pages read their words through next-intl's server API; outside a Next request
// there is none, so it answers from the real message files in the language under test.
const i18n = vi.hoisted(() => ({ locale: "en" as "en" | "zh-CN" }));
vi.mock("next-intl/server", async () => {
  const { createTranslator: translator } = await import("next-intl");
  const { loadMessages: load } = await import("@/i18n/messages");
  return {
    getTranslations: async (namespace: string) =>
      translator({ locale: i18n.locale, messages: await load(i18n.locale), namespace }),
  };
});

beforeAll(() => setValidity(2));
afterAll(() => setValidity(null));

const words = {
  en: { kind: "Expiry", cancels: "expires no. 1", title: "Management Accounting" },
  "zh-CN": { kind: "过期", cancels: "第 1 条到期失效", title: "管理会计学" },
} as const;

describe("[LEDGER] an expiry as the learner reads it", () => {
  it("shows on /learn/credits and the transcript with its negative amount and the deposit it cancels", async () => {
    const me = await learner();
    const seller = await sellerWithCourse({ creditsX100: 300, level: 6, fieldCode: "041" });
    await depositFor(me, seller, { completedOn: "2036-01-15", credential: true });
    await expireLapsedDeposits(new Date("2038-01-15T04:00:00Z"));

    const { balances, entries } = await getMyLedger(me);
    expect(balances.banked).toEqual({ creditsX100: 0, frozenX100: 0 });
    expect(balances.bySource).toEqual([]);
    expect(entries.map((e) => [e.seq, e.kind, e.creditsX100, e.reversesSeq])).toEqual([
      [2, "expiry", -300, 1],
      [1, "deposit", 300, null],
    ]);
    // What the expiry does not say itself comes from its deposit; it is dated when written.
    expect(entries[0]).toMatchObject({
      titleEn: "Management Accounting",
      titleZh: "管理会计学",
      source: { slug: seller.seller.slug },
      levelLabelEn: "Level 6 – Bachelor's",
      fieldCode: "041",
      completedOn: null,
      frozen: false,
    });

    for (const locale of ["en", "zh-CN"] as const) {
      i18n.locale = locale;
      const html = renderToStaticMarkup(
        await EntriesTable({ entries, locale, timeZone: "Asia/Shanghai", caption: "entries" }),
      );
      const expiryRow = html.split("<tr").find((row) => row.includes(words[locale].kind))!;
      expect(expiryRow, locale).toBeDefined();
      expect(expiryRow).toContain(words[locale].cancels);
      expect(expiryRow).toContain(words[locale].title);
      expect(expiryRow).toMatch(/>-3<\/td>/);
      expect(html).toMatch(/>\+3<\/td>/);
    }

    const transcript = await getMyTranscript(me);
    const json = transcriptJson(transcript);
    expect(json.balances.banked.creditsX100).toBe(0);
    const [deposit, expiry] = json.entries;
    expect(expiry).toMatchObject({ kind: "expiry", creditsX100: -300, reversesSeq: 1 });
    expect(expiry!.hashed).toMatchObject({ kind: "expiry", reverses: deposit!.id });

    for (const locale of ["en", "zh-CN"] as const) {
      const t = createTranslator({
        locale,
        messages: await loadMessages(locale),
        namespace: "ledger",
      });
      const said: string[] = [];
      const pdf = await renderTranscriptPdf({
        locale,
        timeZone: "Asia/Shanghai",
        allianceName: "Credit Bank Alliance",
        holderName: me.name,
        accountNumber: transcript.account.number,
        generatedAt: new Date(transcript.generatedAt),
        balances: transcript.balances,
        entries: transcript.entries.map((e) => e.view),
        t: (key, values) => {
          const text = t(key as never, values as never);
          said.push(text);
          return text;
        },
      });
      expect(pdf.byteLength).toBeGreaterThan(0);
      expect(said, locale).toContain(words[locale].kind);
      expect(said, locale).toContain(words[locale].cancels);
    }
  });
});
