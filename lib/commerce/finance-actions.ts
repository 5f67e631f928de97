"use server";

import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { isForm, notAForm, runForm, type FormState } from "@/lib/form-state";
import { formToObject } from "@/lib/validation";
import { recordBankTransfer } from "./bank-transfers";
import { issueFapiao, requestFapiao } from "./fapiao";
import { resolveIncident } from "./incidents";
import { adminRefundLine, refundLine } from "./seller-refunds";
import { recordSettlement } from "./settlements";

// Thin boundaries: the services parse, authorize and write; these map the answer to form state.

export async function refundLineAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    const done = await refundLine(await requireViewer(), values);
    revalidatePath("/[locale]/institution/[slug]/sales", "page");
    return { status: "ok", params: { amountMinor: done.amountMinor, seats: done.seats ?? 0 } };
  });
}

/** The alliance admin refunds any line from the order page, with a reason. */
export async function adminRefundLineAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    const done = await adminRefundLine(await requireViewer(), values);
    revalidatePath("/[locale]/orders/[id]", "page");
    return { status: "ok", params: { amountMinor: done.amountMinor, seats: done.seats ?? 0 } };
  });
}

export async function recordBankTransferAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    const outcome = await recordBankTransfer(await requireViewer(), values);
    revalidatePath("/[locale]/admin/finance", "page");
    return { status: "ok", values: { outcome } };
  });
}

export async function resolveIncidentAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await resolveIncident(await requireViewer(), values);
    revalidatePath("/[locale]/admin/finance", "page");
  });
}

export async function recordSettlementAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await recordSettlement(await requireViewer(), values);
    revalidatePath("/[locale]/admin/finance", "page");
  });
}

export async function requestFapiaoAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await requestFapiao(await requireViewer(), values);
    revalidatePath("/[locale]/fapiao/[orderId]", "page");
  });
}

export async function issueFapiaoAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await issueFapiao(await requireViewer(), values);
    revalidatePath("/[locale]/institution/[slug]/invoices", "page");
  });
}
