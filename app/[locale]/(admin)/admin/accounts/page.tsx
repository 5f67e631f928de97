import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { findAccounts } from "@/lib/admin/accounts";
import { DisableForm } from "./_components/disable-form";

export default async function AccountsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string }>;
}) {
  const viewer = await viewerOrSignIn("/admin/accounts");
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 254) : "";
  const accounts = await orNotFound(findAccounts(viewer, { q }));
  const t = await getTranslations("office");
  return (
    <div className="space-y-4">
      <PageTitle>{t("accountsTitle")}</PageTitle>
      <form className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="q" className="block text-sm font-medium">
            {t("accountsSearch")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            className="mt-1 rounded-md border border-slate-400 px-3 py-2"
          />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("accountsFind")}
        </button>
      </form>
      <Card>
        <ul className="divide-y divide-slate-100">
          {accounts.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {a.name} &lt;{a.email}&gt; ·{" "}
                {a.isDisabled ? t("accountDisabled") : t("accountActive")}
              </span>
              {a.id !== viewer.userId && (
                <DisableForm
                  userId={a.id}
                  disable={!a.isDisabled}
                  label={
                    a.isDisabled
                      ? t("enable", { email: a.email })
                      : t("disable", { email: a.email })
                  }
                />
              )}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
