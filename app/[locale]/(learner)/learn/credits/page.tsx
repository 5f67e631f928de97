import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { BalanceSummary } from "@/components/ledger/balance-summary";
import { EntriesTable } from "@/components/ledger/entries-table";
import { pick } from "@/components/ledger/ledger-text";
import { formatDate } from "@/lib/format";
import { getMyLedger, listMyCredentials } from "@/lib/ledger/queries";
import { viewerOrSignIn } from "@/lib/page-guards";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";
import { NameSwitch } from "./_components/name-switch";

const statusStyle = {
  active: "bg-green-100 text-green-900",
  suspended: "bg-amber-100 text-amber-900",
  revoked: "bg-red-100 text-red-900",
} as const;

// GET /learn/credits – the learner's account, banked balance, every entry, and credentials.
export default async function MyCreditsPage() {
  const viewer = await viewerOrSignIn("/learn/credits");
  const [t, locale, timeZone, ledger, creds] = await Promise.all([
    getTranslations("ledger"),
    getLocale(),
    getAllianceTimeZone(),
    getMyLedger(viewer),
    listMyCredentials(viewer),
  ]);
  return (
    <div className="space-y-6">
      <PageTitle>{t("creditsTitle")}</PageTitle>
      <p className="max-w-3xl text-slate-700">{t("creditsIntro")}</p>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("accountTitle")}</h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
          <dt className="text-slate-700">{t("accountNumber")}</dt>
          <dd className="font-mono font-medium whitespace-nowrap">{ledger.account.number}</dd>
        </dl>
        <NameSwitch checked={ledger.account.nameOnCredentials} />
        <p className="mt-4">
          <Link href="/learn/transcript" className="text-brand-700 underline">
            {t("transcriptLink")}
          </Link>
        </p>
      </Card>
      <Card>
        <BalanceSummary balances={ledger.balances} locale={locale} />
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("entriesTitle")}</h2>
        <EntriesTable
          entries={ledger.entries}
          locale={locale}
          timeZone={timeZone}
          caption={t("entriesTitle")}
        />
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("credentialsTitle")}</h2>
        {creds.length === 0 ? (
          <p className="text-slate-700">{t("noCredentials")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label={t("credentialsTitle")}>
            {creds.map((c) => {
              const title = pick(locale, c.titleZh, c.titleEn);
              const inst = pick(locale, c.institution.nameZh, c.institution.nameEn);
              return (
                <li key={c.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                  <div>
                    <p className="font-medium" lang={title.lang}>
                      {title.text}
                    </p>
                    <p className="text-sm text-slate-700">
                      <span lang={inst.lang}>{inst.text}</span> ·{" "}
                      {t("issued", { date: formatDate(new Date(c.issuedAt), locale, timeZone) })}{" "}
                      <span
                        className={`rounded px-1.5 text-xs font-medium ${statusStyle[c.status]}`}
                      >
                        {t(`credentialStatus_${c.status}`)}
                      </span>
                    </p>
                  </div>
                  <p className="flex gap-4 text-sm">
                    <Link
                      href={`/verify/${c.id}`}
                      className="text-brand-700 underline"
                      aria-label={t("verifyLabel", { title: title.text })}
                    >
                      {t("verify")}
                    </Link>
                    <a
                      href={`/api/credentials/${c.id}/download`}
                      className="text-brand-700 underline"
                      aria-label={t("downloadLabel", { title: title.text })}
                    >
                      {t("download")}
                    </a>
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
