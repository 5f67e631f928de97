import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { apiScopes } from "@/db/schema/api";
import { getOpenApiDocument } from "@/lib/api/openapi";
import { summarizeOperations } from "@/lib/api/openapi-summary";
import { API_RATE_LIMIT } from "@/lib/api/schemas";
import { OperationCard } from "./_components/operation-card";

const DOCUMENT_URL = "/api/v1/openapi.json";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiDocs");
  return { title: t("title") };
}

const errorExample = {
  error: {
    code: "BAD_REQUEST",
    message: "Invalid input: titleEn: too_long (max 200)",
    details: { titleEn: { code: "too_long", max: 200 } },
  },
};

/** The Partner API reference, read from the same OpenAPI document the API serves. */
export default async function DevelopersPage() {
  const t = await getTranslations("apiDocs");
  const doc = getOpenApiDocument();
  const operations = summarizeOperations(doc);
  const statuses = [...new Set(operations.flatMap((o) => o.statuses))]
    .filter((s) => s >= "400")
    .sort();
  const idempotencyKey = operations
    .flatMap((o) => o.parameters)
    .find((p) => p.name === "Idempotency-Key");
  return (
    <div className="space-y-6">
      <PageTitle>{t("title")}</PageTitle>
      <p className="text-slate-700">
        {t("intro", { version: doc.info.version })}{" "}
        <a href={DOCUMENT_URL} className="text-brand-700 font-mono underline">
          {DOCUMENT_URL}
        </a>
      </p>
      <p className="text-slate-700">{t("units")}</p>

      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("authTitle")}</h2>
        <p>{t("authBody")}</p>
        <pre className="mt-3 overflow-x-auto rounded bg-slate-100 p-3 text-sm">
          Authorization: Bearer cbx_1a2b3c4d_…
        </pre>
        <h3 className="mt-4 mb-2 font-semibold">{t("scopesTitle")}</h3>
        <p className="mb-2">{t("scopesIntro")}</p>
        <dl className="space-y-2 text-sm">
          {apiScopes.map((s) => (
            <div key={s}>
              <dt className="font-mono font-medium">{s}</dt>
              <dd className="text-slate-700">{t(`scopes.${s.replace(":", "_")}`)}</dd>
            </div>
          ))}
        </dl>
      </Card>

      <section aria-labelledby="endpoints" className="space-y-4">
        <h2 id="endpoints" className="text-xl font-semibold">
          {t("endpointsTitle")}
        </h2>
        {operations.map((op) => (
          <OperationCard key={op.id} op={op} />
        ))}
      </section>

      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("errorsTitle")}</h2>
        <p>{t("errorsBody")}</p>
        <pre className="mt-3 overflow-x-auto rounded bg-slate-100 p-3 text-sm">
          {JSON.stringify(errorExample, null, 2)}
        </pre>
        <dl className="mt-3 space-y-1 text-sm">
          {statuses.map((s) => (
            <div key={s} className="flex gap-3">
              <dt className="w-12 font-mono font-medium">{s}</dt>
              <dd>{t.has(`status.${s}`) ? t(`status.${s}`) : s}</dd>
            </div>
          ))}
        </dl>
      </Card>

      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("idempotencyTitle")}</h2>
        <p>{t("idempotencyBody", { max: idempotencyKey?.limits.maxLength ?? 0 })}</p>
      </Card>

      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("rateTitle")}</h2>
        <p>
          {t("rateBody", {
            limit: API_RATE_LIMIT.limit,
            seconds: API_RATE_LIMIT.windowSeconds,
          })}
        </p>
      </Card>
    </div>
  );
}
