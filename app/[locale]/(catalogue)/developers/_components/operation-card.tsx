import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { OperationSummary, ParameterLimits } from "@/lib/api/openapi-summary";

type Translate = Awaited<ReturnType<typeof getTranslations>>;

function limitsText(t: Translate, l: ParameterLimits): string {
  const parts: string[] = [];
  if (l.enum) parts.push(t("limits.oneOf", { values: l.enum.map(String).join(" | ") }));
  if (l.minimum !== undefined || l.maximum !== undefined) {
    parts.push(t("limits.range", { min: l.minimum ?? "…", max: l.maximum ?? "…" }));
  }
  if (l.maxLength !== undefined) {
    parts.push(t("limits.length", { min: l.minLength ?? 0, max: l.maxLength }));
  }
  if (l.format) parts.push(t("limits.format", { format: l.format }));
  if (l.pattern) parts.push(t("limits.pattern", { pattern: l.pattern }));
  if (l.default !== undefined) parts.push(t("limits.default", { value: String(l.default) }));
  return parts.join("; ");
}

/** One endpoint of the OpenAPI document: method, path, scope, parameters, body and answers. */
export async function OperationCard({ op }: { op: OperationSummary }) {
  const t = await getTranslations("apiDocs");
  const describe = t.has(`operations.${op.id}`) ? t(`operations.${op.id}`) : op.summary;
  return (
    <Card>
      <h3 id={op.id} className="font-mono text-base font-semibold break-all">
        <span className="mr-2 rounded bg-slate-100 px-2 py-0.5">{op.method}</span>
        {op.path}
      </h3>
      <p className="mt-2 text-slate-700">{describe}</p>
      <p className="mt-2 text-sm">
        {t("scope")}:{" "}
        {op.isPublic ? (
          t("noKey")
        ) : op.bySession ? (
          t("sessionOnly")
        ) : op.scopes.length > 0 ? (
          <code className="font-mono">{op.scopes.join(", ")}</code>
        ) : (
          t("anyKey")
        )}
      </p>
      {op.parameters.length > 0 && (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="mb-1 text-left font-medium">{t("parameters")}</caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-1 pr-4">
                  {t("paramName")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("paramIn")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("paramType")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("paramLimits")}
                </th>
              </tr>
            </thead>
            <tbody>
              {op.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`} className="border-b border-slate-100 align-top">
                  <td className="py-1 pr-4 font-mono">
                    {p.name}
                    {p.required && <span className="ml-1 text-slate-600">({t("required")})</span>}
                  </td>
                  <td className="py-1 pr-4">{t.has(`in.${p.in}`) ? t(`in.${p.in}`) : p.in}</td>
                  <td className="py-1 pr-4 font-mono">{p.type}</td>
                  <td className="py-1 pr-4 break-all">{limitsText(t, p.limits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {op.requestBody && (
        <p className="mt-3 text-sm">
          {t("requestBody")}: <code className="font-mono">{op.requestBody}</code>{" "}
          <a href="/api/v1/openapi.json" className="text-brand-700 underline">
            {t("schemaInDocument")}
          </a>
        </p>
      )}
      <p className="mt-3 text-sm">
        {t("responses")}: <span className="font-mono">{op.statuses.join(", ")}</span>
      </p>
    </Card>
  );
}
