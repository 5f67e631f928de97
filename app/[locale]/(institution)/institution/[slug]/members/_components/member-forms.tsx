"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import type { InstitutionRole } from "@/lib/auth/permissions";
import { inviteStaffAction, removeMemberRoleAction } from "@/lib/institutions/actions";
import { idle } from "@/lib/form-state";

const inviteRoleOrder: InstitutionRole[] = ["editor", "registrar", "finance", "owner"];

export function InviteForm({ slug }: { slug: string }) {
  const t = useTranslations();
  const [state, action] = useActionState(inviteStaffAction, idle);
  return (
    <form action={action} noValidate>
      <FormAlert state={state} success={t("staff.invited", { email: state.values?.email ?? "" })} />
      <input type="hidden" name="institutionSlug" value={slug} />
      <FormField
        name="email"
        type="email"
        required
        label={t("fields.email")}
        state={{ ...state, values: state.status === "ok" ? {} : state.values }}
      />
      <FormField
        name="role"
        required
        label={t("fields.role")}
        state={state}
        // "owner" last, so the preselected choice never hands out every right.
        options={inviteRoleOrder.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      />
      <SubmitButton>{t("staff.inviteButton")}</SubmitButton>
    </form>
  );
}

export function RemoveRoleForm({
  slug,
  userId,
  role,
  label,
}: {
  slug: string;
  userId: string;
  role: string;
  label: string;
}) {
  const [state, action] = useActionState(removeMemberRoleAction, idle);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="institutionSlug" value={slug} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="role" value={role} />
      <SubmitButton variant="secondary">{label}</SubmitButton>
      <FormAlert state={state} />
    </form>
  );
}
