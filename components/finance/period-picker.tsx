import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";

/**
 * The month of a statement (a GET form, so the month is in the URL) and the CSV of that month.
 * `csvHref` is the CSV route without its query.
 */
export async function PeriodPicker({ period, csvHref }: { period: string; csvHref: string }) {
  const t = await getTranslations("finance");
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="statement-period" className="block text-sm font-medium text-slate-800">
          {t("fields.period")}
        </label>
        <input
          id="statement-period"
          type="month"
          name="period"
          defaultValue={period}
          className="mt-1 rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
        />
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        {t("statements.show")}
      </button>
      <a href={`${csvHref}?period=${period}`} className={buttonClass("link")}>
        {t("statements.csv")} ({period})
      </a>
    </form>
  );
}
