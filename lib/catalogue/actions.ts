"use server";

import { getLocale } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { redirect } from "next/navigation";
import { requireViewer } from "@/lib/auth/viewer";
import type { Actor } from "@/lib/auth/actor";
import { AppError, isAppError } from "@/lib/errors";
import { isForm, notAForm, runForm, type FormState } from "@/lib/form-state";
import { formToObject, parseInput } from "@/lib/validation";
import { MAX_IMAGE_BYTES } from "@/lib/storage";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";
import { createResource } from "./create-resource";
import { updateResource } from "./update-resource";
import { archiveResource, submitForReview, withdrawFromReview } from "./lifecycle";
import { reviewResource } from "./review-resource";
import { uploadCoverImage } from "./set-cover";
import {
  changedOnly,
  readerOfForm,
  readerOfValues,
  resourceFormToInput,
  toFormFieldErrors,
} from "./form-input";
import { formValuesOf } from "./form-values";

// A malformed id is a named bad request here, never a database error.
const resourceIdOf = (values: Record<string, string>) =>
  parseInput(z.object({ resourceId: z.uuid() }), values).resourceId;

const asUser = async (): Promise<Actor> => ({ type: "user", viewer: await requireViewer() });

function revalidatePublishing() {
  revalidatePath("/[locale]/institution/[slug]/resources", "page");
  revalidatePath("/[locale]/institution/[slug]/resources/[resourceId]", "page");
  revalidatePath("/[locale]/admin/reviews", "page");
}

/** Service errors name schema paths; the form names its own fields. */
async function namedForForm<T>(names: Record<string, string>, work: () => Promise<T>) {
  try {
    return await work();
  } catch (e) {
    if (!isAppError(e) || !e.fields) throw e;
    throw new AppError(e.code, e.reason, e.message, { fields: toFormFieldErrors(e.fields, names) });
  }
}

function baselineOf(form: FormData): Record<string, string> | null {
  try {
    const v: unknown = JSON.parse(String(form.get("baseline") ?? ""));
    if (!v || typeof v !== "object") return null;
    // It comes from the browser: keep only string values, as the form itself would send.
    return Object.fromEntries(
      Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
  } catch {
    return null;
  }
}

export async function createResourceAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formValuesOf(form);
  const locale = await getLocale();
  return runForm(values, async () => {
    const actor = await asUser();
    const timeZone = await getAllianceTimeZone();
    const { input, names } = resourceFormToInput(readerOfForm(form), "create", timeZone);
    const slug = values.institutionSlug ?? "";
    const created = await namedForForm(names, () => createResource(actor, slug, input));
    revalidatePublishing();
    redirect(`/${locale}/institution/${slug}/resources/${created.id}?created=1`);
  });
}

export async function updateResourceAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formValuesOf(form);
  return runForm(values, async () => {
    const actor = await asUser();
    const resourceId = resourceIdOf(values);
    const timeZone = await getAllianceTimeZone();
    const { input, names } = resourceFormToInput(readerOfForm(form), "update", timeZone);
    const baseline = baselineOf(form);
    // Only what this person changed is sent (the whole form when the baseline is missing).
    const patch = baseline
      ? changedOnly(input, resourceFormToInput(readerOfValues(baseline), "update", timeZone).input)
      : input;
    if (Object.keys(patch).length === 0)
      return { status: "ok", values, params: { outcome: "unchanged" } };
    const outcome = await namedForForm(names, () => updateResource(actor, resourceId, patch));
    revalidatePublishing();
    return { status: "ok", values, params: { outcome: outcome.state } };
  });
}

export async function submitAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await submitForReview(await asUser(), values.resourceId);
    revalidatePublishing();
  });
}

export async function withdrawAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await withdrawFromReview(await asUser(), values.resourceId);
    revalidatePublishing();
  });
}

export async function archiveAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await archiveResource(await asUser(), values.resourceId);
    revalidatePublishing();
  });
}

function coverRefused(reason: string, code: "required" | "invalid" | "invalid_format"): AppError {
  return new AppError("BAD_REQUEST", reason, `cover: ${code}`, { fields: { cover: { code } } });
}

export async function uploadCoverAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    const actor = await asUser();
    const resourceId = resourceIdOf(values);
    const file = form.get("cover");
    if (!(file instanceof File) || file.size === 0) throw coverRefused("cover_missing", "required");
    // The declared size is known before the bytes are read: refuse a large file unread.
    if (file.size > MAX_IMAGE_BYTES) throw coverRefused("cover_too_large", "invalid");
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      await uploadCoverImage(actor, resourceId, bytes, file.type);
    } catch (e) {
      if (!isAppError(e) || !e.fields?.cover) throw e;
      throw e.fields.cover.code === "too_long"
        ? coverRefused("cover_too_large", "invalid")
        : coverRefused("cover_not_image", "invalid_format");
    }
    revalidatePublishing();
  });
}

export async function reviewAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    const viewer = await requireViewer();
    await reviewResource(viewer, {
      resourceId: values.resourceId,
      decision: values.decision,
      // An empty reason is no reason: approval may omit it, the other decisions need one.
      reason: values.reason?.trim() ? values.reason : undefined,
    });
    revalidatePublishing();
    return { status: "ok", params: { decision: values.decision ?? "" } };
  });
}
