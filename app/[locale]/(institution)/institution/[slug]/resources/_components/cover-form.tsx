"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/form-status";
import { PublishingAlert } from "@/components/publishing/publishing-alert";
import { uploadCoverAction } from "@/lib/catalogue/actions";
import { idle, type FormState } from "@/lib/form-state";

const MAX_BYTES = 2 * 1024 * 1024;
const tooLarge: FormState = {
  status: "error",
  reason: "cover_too_large",
  fields: { cover: { code: "invalid" } },
};

/** Upload a cover; a file over 2 MiB is refused here already, before it is sent. */
export function CoverForm({ resourceId }: { resourceId: string }) {
  const t = useTranslations("publishing");
  const [serverState, action] = useActionState(uploadCoverAction, idle);
  const [localError, setLocalError] = useState(false);
  const state = localError ? tooLarge : serverState;
  return (
    <form
      action={action}
      noValidate
      onSubmit={(e) => {
        const input = e.currentTarget.elements.namedItem("cover");
        const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
        const isTooLarge = !!file && file.size > MAX_BYTES;
        setLocalError(isTooLarge);
        if (isTooLarge) e.preventDefault();
      }}
    >
      <PublishingAlert state={state} success={t("coverSaved")} />
      <input type="hidden" name="resourceId" value={resourceId} />
      <FormField
        name="cover"
        type="file"
        accept="image/png,image/jpeg,image/webp,image/gif"
        label={t("fields.cover")}
        hint={t("hints.cover")}
        state={state}
      />
      <SubmitButton variant="secondary">{t("uploadCover")}</SubmitButton>
    </form>
  );
}
