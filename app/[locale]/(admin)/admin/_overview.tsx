import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { getOfficeOverview } from "@/lib/admin/queries";
import type { Viewer } from "@/lib/auth/viewer";

/** The alliance's figures, shown to the admin and to alliance finance. */
export async function OfficeFigures({ viewer }: { viewer: Viewer }) {
  const [o, t, format] = await Promise.all([
    getOfficeOverview(viewer),
    getTranslations("office"),
    getFormatter(),
  ]);
  const figures = [
    ["members", o.members],
    ["suspended", o.suspended],
    ["pending", o.pendingApplications],
    ["accounts", o.accounts],
  ] as const;
  return (
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {figures.map(([k, v]) => (
        <Card key={k}>
          <dt className="text-sm text-slate-700">{t(k)}</dt>
          <dd className="mt-1 text-3xl font-semibold">{format.number(v)}</dd>
        </Card>
      ))}
    </dl>
  );
}
