"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { FormField } from "@/components/forms/form-field";
import { addToCartAction, buyNowAction } from "@/lib/commerce/actions";
import { idle } from "@/lib/form-state";

/** The learner's "Buy now" (or "Enrol free") and "Add to cart", with the price shown. */
export function LearnerBuyForm(props: {
  resourceId: string;
  amountMinor: number;
  currency: string;
  label: string;
}) {
  const t = useTranslations("buy");
  const [state, action] = useActionState(buyNowAction, idle);
  const [cartState, cartAction] = useActionState(addToCartAction, idle);
  return (
    <div className="space-y-3">
      <form action={action}>
        <FormAlert state={state} />
        <input type="hidden" name="buyer" value="self" />
        <input type="hidden" name="resourceId" value={props.resourceId} />
        <input type="hidden" name="offerKind" value="learner" />
        <input type="hidden" name="quantity" value="1" />
        <input type="hidden" name="expectedUnitAmountMinor" value={props.amountMinor} />
        <input type="hidden" name="expectedCurrency" value={props.currency} />
        <SubmitButton>{props.label}</SubmitButton>
      </form>
      {props.amountMinor > 0 && (
        <form action={cartAction}>
          <FormAlert state={cartState} success={t("addedToCart")} />
          <input type="hidden" name="resourceId" value={props.resourceId} />
          <input type="hidden" name="offerKind" value="learner" />
          <SubmitButton variant="secondary">{t("addToCart")}</SubmitButton>
        </form>
      )}
    </div>
  );
}

type InstitutionalOffer = {
  kind: "seat" | "site_licence";
  amountMinor: number;
  currency: string;
  minQuantity: number;
  label: string;
};

/** Seats or a site licence for an institution the viewer buys for (finance staff). */
export function InstitutionBuyForm(props: {
  resourceId: string;
  institutions: { slug: string; name: string }[];
  offers: InstitutionalOffer[];
}) {
  const t = useTranslations("buy");
  const [state, action] = useActionState(buyNowAction, idle);
  const [kind, setKind] = useState(props.offers[0]!.kind);
  const offer = props.offers.find((o) => o.kind === kind) ?? props.offers[0]!;
  return (
    <form action={action} className="mt-6 border-t border-slate-200 pt-4">
      <h3 className="mb-2 font-semibold">{t("forInstitution")}</h3>
      <FormAlert state={state} />
      <FormField
        name="buyer"
        label={t("institution")}
        state={state}
        options={props.institutions.map((i) => ({ value: i.slug, label: i.name }))}
      />
      <fieldset className="mb-4">
        <legend className="text-sm font-medium text-slate-800">{t("offer")}</legend>
        {props.offers.map((o) => (
          <label key={o.kind} className="mt-1 flex items-center gap-2">
            <input
              type="radio"
              name="offerKind"
              value={o.kind}
              checked={kind === o.kind}
              onChange={() => setKind(o.kind)}
            />
            {o.label}
          </label>
        ))}
      </fieldset>
      {kind === "seat" ? (
        <FormField
          name="quantity"
          label={t("seats")}
          state={state}
          type="number"
          inputMode="numeric"
          min={offer.minQuantity}
          step={1}
          defaultValue={String(offer.minQuantity)}
          hint={t("minSeats", { min: offer.minQuantity })}
        />
      ) : (
        <input type="hidden" name="quantity" value="1" />
      )}
      <FormField
        name="paymentRoute"
        label={t("payBy")}
        state={state}
        options={[
          { value: "checkout", label: t("payByCard") },
          { value: "bank_transfer", label: t("payByBank") },
        ]}
      />
      <input type="hidden" name="resourceId" value={props.resourceId} />
      <input type="hidden" name="expectedUnitAmountMinor" value={offer.amountMinor} />
      <input type="hidden" name="expectedCurrency" value={offer.currency} />
      <SubmitButton>{t("buyForInstitution")}</SubmitButton>
    </form>
  );
}
