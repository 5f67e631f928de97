"use server";

import { getLocale } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { isForm, notAForm, runForm, type FormState } from "@/lib/form-state";
import { formToObject } from "@/lib/validation";
import { isLocale } from "@/i18n/routing";
import { acceptSeat, joinSiteLicence } from "./accept";
import { assignSeats, revokeSeatInvitation } from "./assign";
import { addDomain, decideDomain, removeDomain } from "./domains";
import { LicenceError } from "./errors";

/** runForm, plus the values a LicenceError carries (free seats, the bad address). */
function runLicenceForm(
  values: Record<string, string>,
  work: () => Promise<FormState | void>,
): Promise<FormState> {
  return runForm(values, async () => {
    try {
      return await work();
    } catch (e) {
      if (!(e instanceof LicenceError)) throw e;
      return { status: "error", reason: e.reason, params: e.params, fields: e.fields, values };
    }
  });
}

const licencesPage = "/[locale]/institution/[slug]/licences";

export async function assignSeatsAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  const locale = await getLocale();
  return runLicenceForm(values, async () => {
    const { invitationIds } = await assignSeats(
      await requireViewer(),
      values,
      isLocale(locale) ? locale : "zh-CN",
    );
    revalidatePath(licencesPage, "page");
    return { status: "ok", params: { count: invitationIds.length } };
  });
}

export async function revokeSeatInvitationAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runLicenceForm(values, async () => {
    await revokeSeatInvitation(await requireViewer(), values);
    revalidatePath(licencesPage, "page");
  });
}

export async function acceptSeatAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runLicenceForm(values, async () => {
    const { resourceSlug } = await acceptSeat(await requireViewer(), { token: values.token });
    return { status: "ok", values: { resourceSlug } };
  });
}

export async function joinSiteLicenceAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runLicenceForm(values, async () => {
    // No revalidation: the joined licence would leave the list and take its success with it.
    const { resourceSlug } = await joinSiteLicence(await requireViewer(), values);
    return { status: "ok", values: { resourceSlug } };
  });
}

export async function addDomainAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runLicenceForm(values, async () => {
    await addDomain(await requireViewer(), values);
    revalidatePath("/[locale]/institution/[slug]/domains", "page");
  });
}

export async function removeDomainAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runLicenceForm(values, async () => {
    await removeDomain(await requireViewer(), values);
    revalidatePath("/[locale]/institution/[slug]/domains", "page");
  });
}

export async function decideDomainAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runLicenceForm(values, async () => {
    await decideDomain(await requireViewer(), values);
    revalidatePath("/[locale]/admin/domains", "page");
  });
}
