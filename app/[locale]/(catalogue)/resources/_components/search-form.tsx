import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Link } from "@/i18n/navigation";
import { Button } from "@/components/ui/button";
import { deliveryModes, resourceKinds } from "@/db/schema/catalogue";
import { languageCodes } from "@/lib/catalogue/schemas";
import type { StandardLabels } from "@/lib/standard/queries";
import { sortKeys } from "@/lib/search/query";
import type { Params } from "./search-params";

type Props = {
  action: string;
  params: Params;
  labels: StandardLabels;
  institutions: { slug: string; name: string }[];
  locale: string;
};

const control =
  "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * A plain GET form: its field names are the URL's parameters, so submitting it writes the whole
 * search into the address (shareable, bookmarkable) and works without JavaScript.
 */
export async function SearchForm({ action, params, labels, institutions, locale }: Props) {
  const t = await getTranslations("catalogue");
  const zh = locale === "zh-CN";
  const select = (
    name: "kind" | "delivery" | "language" | "institution" | "level",
    any: string,
    options: { value: string; label: string }[],
  ) => (
    <Field id={`s-${name}`} label={t(`params.${name}`)}>
      <select id={`s-${name}`} name={name} defaultValue={params[name] ?? ""} className={control}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
  const number = (name: "creditsMin" | "creditsMax" | "priceMin" | "priceMax", max: number) => (
    <Field id={`s-${name}`} label={t(`search.${name}`)}>
      <input
        id={`s-${name}`}
        name={name}
        type="number"
        inputMode="decimal"
        min={0}
        max={max}
        step="any"
        defaultValue={params[name] ?? ""}
        className={control}
      />
    </Field>
  );
  // "relevance" is what the default already means when there are words to match.
  const sort = params.sort === "relevance" ? "" : (params.sort ?? "");

  return (
    <form method="get" action={action} role="search" aria-labelledby="search-form-title">
      <h2 id="search-form-title" className="mb-3 text-lg font-semibold">
        {t("search.filters")}
      </h2>
      <div className="space-y-4">
        <Field id="s-q" label={t("params.q")}>
          <input
            id="s-q"
            name="q"
            type="search"
            maxLength={200}
            defaultValue={params.q ?? ""}
            aria-describedby="s-q-hint"
            className={control}
          />
          <p id="s-q-hint" className="mt-1 text-sm text-slate-600">
            {t("search.qHint")}
          </p>
        </Field>
        <Field id="s-field" label={t("params.field")}>
          <select id="s-field" name="field" defaultValue={params.field ?? ""} className={control}>
            <option value="">{t("search.anyField")}</option>
            {labels.fields.map((b) => {
              const name = zh ? b.nameZh : b.nameEn;
              return (
                <optgroup key={b.code} label={name}>
                  <option value={b.code}>{t("search.fieldAll", { name })}</option>
                  {b.narrow.map((n) => (
                    <option key={n.code} value={n.code}>
                      {zh ? n.nameZh : n.nameEn}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </Field>
        {select(
          "level",
          t("search.anyLevel"),
          labels.levels.map((l) => ({ value: String(l.level), label: zh ? l.labelZh : l.labelEn })),
        )}
        {select(
          "kind",
          t("search.anyKind"),
          resourceKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
        )}
        {select(
          "delivery",
          t("search.anyDelivery"),
          deliveryModes.map((d) => ({ value: d, label: t(`delivery.${d}`) })),
        )}
        {select(
          "language",
          t("search.anyLanguage"),
          languageCodes.map((l) => ({ value: l, label: t(`languages.${l}`) })),
        )}
        {select(
          "institution",
          t("search.anyInstitution"),
          institutions.map((i) => ({ value: i.slug, label: i.name })),
        )}
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t("search.creditsRange")}</legend>
          <div className="grid grid-cols-2 gap-3">
            {number("creditsMin", 100)}
            {number("creditsMax", 100)}
          </div>
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t("search.priceRange")}</legend>
          <div className="grid grid-cols-2 gap-3">
            {number("priceMin", 1_000_000)}
            {number("priceMax", 1_000_000)}
          </div>
        </fieldset>
        <div className="flex items-center gap-2">
          <input
            id="s-free"
            name="free"
            type="checkbox"
            value="true"
            defaultChecked={params.free === "true" || params.free === "1"}
            className="h-5 w-5 rounded border-slate-400"
          />
          <label htmlFor="s-free" className="text-sm font-medium text-slate-800">
            {t("search.freeOnly")}
          </label>
        </div>
        <Field id="s-sort" label={t("params.sort")}>
          <select id="s-sort" name="sort" defaultValue={sort} className={control}>
            <option value="">{t("sort.default")}</option>
            {sortKeys
              .filter((k) => k !== "relevance")
              .map((k) => (
                <option key={k} value={k}>
                  {t(`sort.${k}`)}
                </option>
              ))}
          </select>
        </Field>
        {/* Parameters without a control of their own survive a new submission. */}
        {(["levelMin", "levelMax", "pageSize"] as const).map((k) =>
          params[k] ? <input key={k} type="hidden" name={k} value={params[k]} /> : null,
        )}
        <div className="flex flex-wrap items-center gap-4">
          <Button type="submit">{t("search.submit")}</Button>
          <Link href="/resources" className="text-brand-700 text-sm underline">
            {t("search.clear")}
          </Link>
        </div>
      </div>
    </form>
  );
}
