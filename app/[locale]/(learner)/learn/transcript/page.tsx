import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { BalanceSummary } from "@/components/ledger/balance-summary";
import { EntriesTable } from "@/components/ledger/entries-table";
import { getMyTranscript } from "@/lib/ledger/queries";
import { viewerOrSignIn } from "@/lib/page-guards";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";

// GET /learn/transcript – every entry of the learner's account in chain order, with the totals.
export default async function TranscriptPage() {
  const viewer = await viewerOrSignIn("/learn/transcript");
  const [t, locale, timeZone, transcript] = await Promise.all([
    getTranslations("ledger"),
    getLocale(),
    getAllianceTimeZone(),
    getMyTranscript(viewer),
  ]);
  const generated = new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone,
  }).format(new Date(transcript.generatedAt));
  return (
    <div className="space-y-6">
      <PageTitle>{t("transcriptTitle")}</PageTitle>
      <p className="max-w-3xl text-slate-700">{t("transcriptIntro")}</p>
      <Card>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
          <dt className="text-slate-700">{t("holder")}</dt>
          <dd>{transcript.holderName}</dd>
          <dt className="text-slate-700">{t("accountNumber")}</dt>
          <dd className="font-mono font-medium whitespace-nowrap">{transcript.account.number}</dd>
        </dl>
        <p className="mt-2 text-sm text-slate-700">{t("generatedAt", { date: generated })}</p>
        {/* Files, not pages: plain links (the locale picks the PDF's language). */}
        <p className="mt-4 flex flex-wrap gap-3">
          <a href={`/${locale}/learn/transcript/pdf`} className={buttonClass("primary")} download>
            {t("downloadPdf")}
          </a>
          <a
            href={`/${locale}/learn/transcript/json`}
            className={buttonClass("secondary")}
            download
          >
            {t("downloadJson")}
          </a>
        </p>
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("entriesTitle")}</h2>
        <EntriesTable
          entries={transcript.entries.map((e) => e.view)}
          locale={locale}
          timeZone={timeZone}
          caption={t("entriesTitle")}
          fullHash
        />
      </Card>
      <Card>
        <h2 className="sr-only">{t("totals")}</h2>
        <BalanceSummary balances={transcript.balances} locale={locale} headingLevel={3} />
      </Card>
    </div>
  );
}
