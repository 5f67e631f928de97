import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { viewerOrSignIn } from "@/lib/page-guards";
import { siteLicencesFor } from "@/lib/licences/queries";
import { JoinForm } from "./join-form";

/** Site licences the signed-in learner may join: by a confirmed mail domain or an invitation. */
export default async function SiteLicencesPage() {
  const viewer = await viewerOrSignIn("/site-licences");
  const [open, t, format, locale] = await Promise.all([
    siteLicencesFor(viewer),
    getTranslations("licences.site"),
    getFormatter(),
    getLocale(),
  ]);
  const zh = locale === "zh-CN";
  return (
    <div className="space-y-4">
      <PageTitle>{t("title")}</PageTitle>
      <p className="text-slate-700">{t("intro")}</p>
      {open.length === 0 && <p>{t("none")}</p>}
      {open.map((l) => (
        <Card key={l.id}>
          <h2 className="text-lg font-semibold">{zh ? l.titleZh : l.titleEn}</h2>
          <p className="mb-3 text-sm text-slate-700">
            {t("by", {
              institution: zh ? l.instZh : l.instEn,
              date: format.dateTime(l.validTo, { dateStyle: "medium" }),
            })}
          </p>
          <JoinForm licenceId={l.id} resource={zh ? l.titleZh : l.titleEn} />
        </Card>
      ))}
    </div>
  );
}
