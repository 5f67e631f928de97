import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { listCheckpoints } from "@/lib/ledger/admin";
import { checkpointExportDir } from "@/lib/ledger/checkpoint-export";
import { orNotFound, requirePlatformPage, viewerOrSignIn } from "@/lib/page-guards";
import { CheckpointForm } from "./_components/checkpoint-form";
import { VerifyForm } from "./_components/verify-form";

const SHOWN = 50;

/** The ledger's checkpoints, "write one now" and "verify now" (docs/LEDGER.md). */
export default async function LedgerAdminPage() {
  const viewer = await viewerOrSignIn("/admin/ledger");
  requirePlatformPage(viewer, "ledger:verify");
  const rows = await orNotFound(listCheckpoints(viewer, SHOWN));
  const [t, format] = await Promise.all([getTranslations("ledgerAdmin"), getFormatter()]);
  return (
    <div className="space-y-6">
      <PageTitle>{t("title")}</PageTitle>
      <p className="max-w-3xl text-slate-700">{t("intro", { dir: checkpointExportDir() })}</p>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("verify")}</h2>
        <VerifyForm />
      </Card>
      <Card>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-semibold">{t("checkpoints")}</h2>
          <CheckpointForm />
        </div>
        {rows.length === 0 ? (
          <p className="text-slate-700">{t("none")}</p>
        ) : (
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("checkpoints")}>
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-3">
                    {t("number")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("createdAt")}
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right">
                    {t("accounts")}
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right">
                    {t("entries")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("root")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("kid")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.number} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-3 font-medium">{r.number}</td>
                    <td className="py-2 pr-3 whitespace-nowrap">
                      {format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "medium" })}
                    </td>
                    <td className="py-2 pr-3 text-right">{format.number(r.accounts)}</td>
                    <td className="py-2 pr-3 text-right">{format.number(r.entries)}</td>
                    <td className="min-w-40 py-2 pr-3 font-mono text-xs break-all">{r.root}</td>
                    <td className="min-w-32 py-2 pr-3 font-mono text-xs break-all">{r.kid}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length === SHOWN && (
              <p className="mt-2 text-sm text-slate-700">{t("latestOnly", { count: SHOWN })}</p>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
