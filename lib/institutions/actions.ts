"use server";

import { getLocale } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { isForm, notAForm, runForm, type FormState } from "@/lib/form-state";
import { formToObject } from "@/lib/validation";
import { isLocale } from "@/i18n/routing";
import { applyForMembership, decideApplication } from "./applications";
import { acceptInvitation, inviteStaff, removeMemberRole } from "./staff";

export async function applyForMembershipAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await applyForMembership(await requireViewer(), values);
    revalidatePath("/[locale]/learn", "page");
  });
}

export async function decideApplicationAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await decideApplication(await requireViewer(), values);
    revalidatePath("/[locale]/admin/applications", "page");
  });
}

export async function inviteStaffAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  const locale = await getLocale();
  return runForm(values, async () => {
    await inviteStaff(await requireViewer(), values, isLocale(locale) ? locale : "zh-CN");
    revalidatePath("/[locale]/institution/[slug]/members", "page");
  });
}

export async function removeMemberRoleAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await removeMemberRole(await requireViewer(), values);
    revalidatePath("/[locale]/institution/[slug]/members", "page");
  });
}

export async function acceptInvitationAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    const { slug } = await acceptInvitation(await requireViewer(), values.token);
    return { status: "ok", values: { slug } };
  });
}
