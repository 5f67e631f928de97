import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { canAtInstitution } from "@/lib/auth/permissions";
import { listCart } from "@/lib/commerce/cart";
import { formatMoney } from "@/lib/format";
import { viewerOrSignIn } from "@/lib/page-guards";
import { CartCheckoutForm, RemoveItemForm } from "./_components/cart-forms";

/**
 * The cart: a learner's own enrolments check out together; seats and site licences check out
 * for one institution the viewer buys for. Prices are today's, and checkout sends back what was
 * shown, so a price changed meanwhile is refused rather than charged.
 */
export default async function CartPage() {
  const viewer = await viewerOrSignIn("/cart");
  const [items, t, locale] = await Promise.all([
    listCart(viewer),
    getTranslations("cart"),
    getLocale(),
  ]);
  const money = (m: number, c: string) => formatMoney(m, c, locale);
  const onSale = items.filter((i) => i.status === "published" && i.amountMinor !== null);
  const personal = onSale.filter((i) => i.offerKind === "learner");
  const institutional = onSale.filter((i) => i.offerKind !== "learner");
  const buyers = viewer.memberships
    .filter((m) => m.status === "member" && canAtInstitution(viewer, "orders:buy", m.institutionId))
    .map((m) => ({ slug: m.slug, name: locale === "zh-CN" ? m.nameZh : m.nameEn }));
  const lineOf = (i: (typeof items)[number]) => ({
    resourceId: i.resourceId,
    offerKind: i.offerKind,
    quantity: i.quantity,
    expectedUnitAmountMinor: i.amountMinor ?? 0,
    expectedCurrency: i.currency ?? "CNY",
  });
  const group = (rows: typeof items) => (
    <ul className="mb-4 divide-y divide-slate-100">
      {rows.map((i) => (
        <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
          <span>
            <Link href={`/resources/${i.slug}`} className="text-brand-700 underline">
              {(locale === "zh-CN" ? i.titleZh : i.titleEn) ?? i.slug}
            </Link>
            <span className="block text-sm text-slate-600">
              {t(`kind_${i.offerKind}`)} × {i.quantity}
              {i.status !== "published" && ` · ${t("notOnSale")}`}
            </span>
          </span>
          <span className="flex items-center gap-3">
            {i.amountMinor !== null && i.currency && (
              <span className="font-medium">{money(i.amountMinor * i.quantity, i.currency)}</span>
            )}
            <RemoveItemForm itemId={i.id} />
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="space-y-6">
      <PageTitle>{t("title")}</PageTitle>
      {items.length === 0 && (
        <Card>
          <p>{t("empty")}</p>
          <Link href="/resources" className="text-brand-700 underline">
            {t("browse")}
          </Link>
        </Card>
      )}
      {personal.length > 0 && (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("forMe")}</h2>
          {group(personal)}
          <CartCheckoutForm lines={JSON.stringify(personal.map(lineOf))} buyers={[]} />
        </Card>
      )}
      {institutional.length > 0 && (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("forInstitution")}</h2>
          {group(institutional)}
          {buyers.length > 0 ? (
            <CartCheckoutForm lines={JSON.stringify(institutional.map(lineOf))} buyers={buyers} />
          ) : (
            <p className="text-slate-700">{t("noBuyingRights")}</p>
          )}
        </Card>
      )}
      {items.length > onSale.length && (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("notOnSale")}</h2>
          {group(items.filter((i) => !onSale.includes(i)))}
        </Card>
      )}
    </div>
  );
}
