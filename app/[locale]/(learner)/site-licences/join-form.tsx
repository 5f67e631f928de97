"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/forms/form-status";
import { LicenceAlert } from "@/components/licences/licence-alert";
import { Link } from "@/i18n/navigation";
import { joinSiteLicenceAction } from "@/lib/licences/actions";
import { idle } from "@/lib/form-state";

export function JoinForm({ licenceId, resource }: { licenceId: string; resource: string }) {
  const t = useTranslations("licences");
  const [state, action] = useActionState(joinSiteLicenceAction, idle);
  return (
    <form action={action} className="space-y-2">
      <LicenceAlert
        state={state}
        success={
          <>
            {t("site.joined")}{" "}
            <Link href={`/resources/${state.values?.resourceSlug ?? ""}`} className="underline">
              {t("accept.viewCourse")}
            </Link>
          </>
        }
      />
      <input type="hidden" name="licenceId" value={licenceId} />
      {state.status !== "ok" && <SubmitButton>{t("site.join", { resource })}</SubmitButton>}
    </form>
  );
}
