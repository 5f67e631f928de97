"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/forms/form-status";
import { LicenceAlert } from "@/components/licences/licence-alert";
import { Notice } from "@/components/ui/card";
import { Link } from "@/i18n/navigation";
import { acceptSeatAction } from "@/lib/licences/actions";
import { idle } from "@/lib/form-state";

export function AcceptSeatForm({ token }: { token: string }) {
  const t = useTranslations("licences.accept");
  const [state, action] = useActionState(acceptSeatAction, idle);
  if (state.status === "ok") {
    return (
      <Notice tone="success">
        {t("accepted")}{" "}
        <Link href={`/resources/${state.values?.resourceSlug ?? ""}`} className="underline">
          {t("viewCourse")}
        </Link>{" "}
        ·{" "}
        <Link href="/learn" className="underline">
          {t("myLearning")}
        </Link>
      </Notice>
    );
  }
  return (
    <form action={action}>
      <LicenceAlert state={state} />
      <input type="hidden" name="token" value={token} />
      <div className="mt-3">
        <SubmitButton>{t("acceptButton")}</SubmitButton>
      </div>
    </form>
  );
}
