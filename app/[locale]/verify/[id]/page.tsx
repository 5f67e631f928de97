import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { Card, Notice, PageTitle } from "@/components/ui/card";
import { pickText } from "@/app/[locale]/(catalogue)/_components/localized";
import { getCredentialVerification } from "@/lib/credentials/queries";
import { JWKS_PATH, REVOCATION_LIST_PATH } from "@/lib/credentials/urls";
import { formatCredits, formatDate } from "@/lib/format";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";

type Props = { params: Promise<{ locale: string; id: string }> };

// Metadata and page read (and check the signature of) the credential once per request.
const loadVerification = cache((id: string) => getCredentialVerification(id));

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("credentials.verify");
  // A person's achievement: findable by whoever holds the link, not by search engines.
  return { title: t("metaTitle"), robots: { index: false, follow: false } };
}

// GET /verify/[id] – anyone holding the link checks a credential: genuine, current, suspended or revoked.
export default async function VerifyPage({ params }: Props) {
  await connection();
  const { id } = await params;
  // Unknown and malformed ids alike are the not-found page, before anything else is read.
  const v = await loadVerification(id);
  if (!v) notFound();

  const [t, locale, timeZone] = await Promise.all([
    getTranslations("credentials.verify"),
    getLocale(),
    getAllianceTimeZone(),
  ]);
  const title = pickText(locale, v.title.zh, v.title.en);
  const institution = pickText(locale, v.institution.zh, v.institution.en);
  const level = pickText(locale, v.levelLabel.zh, v.levelLabel.en);
  const field = pickText(locale, v.field.name.zh, v.field.name.en);
  const verdict = v.isGenuine ? v.status : "forged";
  // A completion date is a calendar day: shown as that day, whatever the zone.
  const completedOn = formatDate(new Date(`${v.completedOn}T00:00:00Z`), locale, "UTC");

  const facts: [string, string, string | undefined][] = [
    [t("course"), title.text, title.lang],
    [t("institution"), institution.text, institution.lang],
    [t("credits"), formatCredits(v.creditsX100, locale), undefined],
    [t("level"), level.text, level.lang],
    [t("field"), `${v.field.code} ${field.text}`, field.lang],
    [t("completedOn"), completedOn, undefined],
    [t("issuedOn"), formatDate(v.issuedAt, locale, timeZone), undefined],
  ];
  if (v.holderName) facts.unshift([t("holder"), v.holderName, undefined]);

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <PageTitle>{t("title")}</PageTitle>
        <p className="text-slate-700">{t("intro")}</p>
      </div>
      <Notice tone={verdict === "active" ? "success" : verdict === "suspended" ? "info" : "error"}>
        <strong>{t(`verdict_${verdict}`)}</strong>
      </Notice>
      <Card>
        <dl className="grid grid-cols-[minmax(0,12rem)_1fr] gap-x-4 gap-y-2">
          <dt className="font-medium text-slate-700">{t("status")}</dt>
          <dd>{t(`status_${v.status}`)}</dd>
          <dt className="font-medium text-slate-700">{t("signature")}</dt>
          <dd>{v.isGenuine ? t("signatureValid") : t("signatureInvalid")}</dd>
        </dl>
      </Card>
      <Card>
        <h2 className="mb-3 text-xl font-semibold">{t("achieved")}</h2>
        <dl className="grid grid-cols-[minmax(0,12rem)_1fr] gap-x-4 gap-y-2">
          {facts.map(([label, value, lang]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-slate-700">{label}</dt>
              <dd lang={lang}>{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card>
        <h2 className="mb-3 text-xl font-semibold">{t("ledgerTitle")}</h2>
        {v.entry ? (
          <>
            <p className="mb-3 text-slate-700">{t("ledgerIntro")}</p>
            <dl className="grid grid-cols-[minmax(0,12rem)_1fr] gap-x-4 gap-y-2">
              <dt className="font-medium text-slate-700">{t("entrySeq")}</dt>
              <dd>{v.entry.seq}</dd>
              <dt className="font-medium text-slate-700">{t("entryHash")}</dt>
              <dd className="font-mono text-sm break-all">{v.entry.hash}</dd>
            </dl>
          </>
        ) : (
          <p className="text-slate-700">{t("noEntry")}</p>
        )}
      </Card>
      <section aria-labelledby="for-verifiers">
        <h2 id="for-verifiers" className="mb-2 text-lg font-semibold">
          {t("forVerifiers")}
        </h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            <a href={`/api/v1/credentials/${v.id}`} className="text-brand-700 underline">
              {t("apiLink")}
            </a>
          </li>
          <li>
            <a href={JWKS_PATH} className="text-brand-700 underline">
              {t("keysLink")}
            </a>
          </li>
          <li>
            <a href={REVOCATION_LIST_PATH} className="text-brand-700 underline">
              {t("statusListLink")}
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}
