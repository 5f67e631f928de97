"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { checkoutCartAction, removeFromCartAction } from "@/lib/commerce/actions";
import { idle } from "@/lib/form-state";

export function CartCheckoutForm({
  lines,
  buyers,
}: {
  lines: string;
  buyers: { slug: string; name: string }[];
}) {
  const t = useTranslations("cart");
  const [state, action] = useActionState(checkoutCartAction, idle);
  return (
    <form action={action}>
      <FormAlert state={state} />
      <input type="hidden" name="lines" value={lines} />
      {buyers.length === 0 ? (
        <input type="hidden" name="buyer" value="self" />
      ) : (
        <>
          <FormField
            name="buyer"
            label={t("buyFor")}
            state={state}
            options={buyers.map((b) => ({ value: b.slug, label: b.name }))}
          />
          <FormField
            name="paymentRoute"
            label={t("payBy")}
            state={state}
            options={[
              { value: "checkout", label: t("payByCard") },
              { value: "bank_transfer", label: t("payByBank") },
            ]}
          />
        </>
      )}
      <SubmitButton>{t("checkout")}</SubmitButton>
    </form>
  );
}

export function RemoveItemForm({ itemId }: { itemId: string }) {
  const t = useTranslations("cart");
  const [state, action] = useActionState(removeFromCartAction, idle);
  return (
    <form action={action}>
      <FormAlert state={state} />
      <input type="hidden" name="itemId" value={itemId} />
      <SubmitButton variant="secondary">{t("remove")}</SubmitButton>
    </form>
  );
}
