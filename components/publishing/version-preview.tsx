import Image from "next/image";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { renderMarkdown } from "@/lib/catalogue/markdown";
import type { VersionDto } from "@/lib/catalogue/staff-queries";
import { formatCredits, formatMoney } from "@/lib/format";

type Offer = { amountMinor: number; currency: string; minQuantity: number } | null;
type Props = {
  version: VersionDto;
  offers: { learner: Offer; seat: Offer; siteLicence: Offer };
  coverImageKey?: string | null;
  fieldName?: { nameZh: string; nameEn: string } | null;
  levelLabel?: { zh: string; en: string } | null;
};

const markdownClass =
  "space-y-3 text-slate-800 [&_a]:text-brand-700 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h4]:font-semibold [&_h5]:font-semibold [&_h6]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-3 [&_ul]:list-disc [&_ul]:pl-6";

function Both({ zh, en }: { zh: string; en: string }) {
  return (
    <>
      {zh && (
        <p lang="zh-CN" className="whitespace-pre-line">
          {zh}
        </p>
      )}
      {en && (
        <p lang="en" className="whitespace-pre-line">
          {en}
        </p>
      )}
    </>
  );
}

/** A version's content as the reviewer and the editor check it, both languages side by side. */
export async function VersionPreview({
  version: v,
  offers,
  coverImageKey,
  fieldName,
  levelLabel,
}: Props) {
  const [t, tp, locale, format] = await Promise.all([
    getTranslations("publishing.preview"),
    getTranslations("publishing"),
    getLocale(),
    getFormatter(),
  ]);
  const zh = locale === "zh-CN";
  // next-intl formats in the alliance's zone (i18n/request.ts reads it from the credit standard).
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const money = (o: NonNullable<Offer>) => formatMoney(o.amountMinor, o.currency, locale);
  const rule = [
    v.minScore !== null ? t("minScore", { score: v.minScore }) : "",
    v.minAttendancePct !== null ? t("minAttendance", { pct: v.minAttendancePct }) : "",
  ].filter(Boolean);
  const offerLines = [
    offers.learner ? t("learnerOffer", { price: money(offers.learner) }) : "",
    offers.seat
      ? t("seatOffer", { price: money(offers.seat), count: offers.seat.minQuantity })
      : "",
    offers.siteLicence ? t("siteOffer", { price: money(offers.siteLicence) }) : "",
  ].filter(Boolean);
  const window = [
    v.enrolOpensAt ? t("from", { date: date(v.enrolOpensAt) }) : "",
    v.enrolClosesAt ? t("until", { date: date(v.enrolClosesAt) }) : "",
  ].filter(Boolean);
  const facts: [string, string][] = [
    [t("credits"), formatCredits(v.creditsX100, locale)],
    [t("hours"), String(v.learningHours)],
    [t("level"), `${v.level}${levelLabel ? ` · ${zh ? levelLabel.zh : levelLabel.en}` : ""}`],
    [
      t("field"),
      `${v.fieldCode}${fieldName ? ` ${zh ? fieldName.nameZh : fieldName.nameEn}` : ""}`,
    ],
    [
      t("languages"),
      v.languages
        .map((l) => (tp.has(`languageNames.${l}`) ? tp(`languageNames.${l}`) : l))
        .join(zh ? "、" : ", "),
    ],
    [t("delivery"), tp(`delivery.${v.deliveryMode}`)],
    [t("completion"), rule.length ? rule.join(zh ? "，" : ", ") : t("noRule")],
    [t("capacity"), v.capacity ? t("places", { count: v.capacity }) : t("noLimit")],
    [t("window"), window.length ? window.join(" ") : t("noLimit")],
    [t("offers"), offerLines.length ? offerLines.join(zh ? "；" : "; ") : t("noOffers")],
  ];
  const description = renderMarkdown(v.descriptionMd, 4);
  return (
    <div className="space-y-4 text-sm">
      {coverImageKey && (
        <Image
          src={`/uploads/${coverImageKey}`}
          alt=""
          width={600}
          height={315}
          unoptimized
          className="max-h-48 w-auto rounded-md object-cover"
        />
      )}
      <div>
        <p lang="zh-CN" className="text-base font-semibold">
          {v.titleZh}
        </p>
        <p lang="en" className="text-base font-semibold">
          {v.titleEn}
        </p>
      </div>
      <div>
        <h3 className="font-medium text-slate-900">{t("summary")}</h3>
        <Both zh={v.summaryZh} en={v.summaryEn} />
      </div>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-700">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {v.outcomes.length > 0 && (
        <div>
          <h3 className="font-medium text-slate-900">{t("outcomes")}</h3>
          <ol className="list-decimal space-y-1 pl-6">
            {v.outcomes.map((o, i) => (
              <li key={i}>
                {o.zh && <span lang="zh-CN">{o.zh}</span>}
                {o.zh && o.en && " · "}
                {o.en && <span lang="en">{o.en}</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
      {description && (
        <div>
          <h3 className="font-medium text-slate-900">{t("description")}</h3>
          <div
            className={markdownClass}
            // Sanitised by renderMarkdown: an allowlist of structural tags, safe links only.
            dangerouslySetInnerHTML={{ __html: description }}
          />
        </div>
      )}
      {v.assessment && (
        <div>
          <h3 className="font-medium text-slate-900">{t("assessment")}</h3>
          <p className="whitespace-pre-line">{v.assessment}</p>
        </div>
      )}
      {v.prerequisites && (
        <div>
          <h3 className="font-medium text-slate-900">{t("prerequisites")}</h3>
          <p className="whitespace-pre-line">{v.prerequisites}</p>
        </div>
      )}
    </div>
  );
}
