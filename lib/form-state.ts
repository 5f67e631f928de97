import { isAppError, type FieldErrors } from "./errors";

/** What a form's server action answers; the client words it in the visitor's language. */
export type FormState = {
  status: "idle" | "ok" | "error";
  reason?: string;
  params?: Record<string, string | number>;
  fields?: FieldErrors;
  values?: Record<string, string>;
};

export const idle: FormState = { status: "idle" };

/**
 * Server actions are public endpoints: anyone may post any arguments to one, not only our forms.
 * A form action checks it was given a form first and answers `notAForm` otherwise, instead of
 * failing with a 500 on `form.get`.
 */
export function isForm(form: unknown): form is FormData {
  return form instanceof FormData;
}

export const notAForm: FormState = { status: "error", reason: "not_a_form" };

/**
 * Run a service call for a form. AppErrors become form state; anything else (including
 * Next's redirect signal) propagates.
 */
export async function runForm(
  values: Record<string, string>,
  work: () => Promise<FormState | void>,
): Promise<FormState> {
  // Never echo secrets back into the page.
  const safeValues = Object.fromEntries(
    Object.entries(values).filter(([k]) => !/password|confirm|token/i.test(k)),
  );
  try {
    return (await work()) ?? { status: "ok", values: safeValues };
  } catch (e) {
    if (!isAppError(e)) throw e;
    return {
      status: "error",
      reason: e.reason,
      fields: e.fields,
      params: e.retryAfterSeconds !== undefined ? { seconds: e.retryAfterSeconds } : undefined,
      values: safeValues,
    };
  }
}
