"use server";

import { getLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin, signIn, signOut } from "@/lib/auth/config";
import { getViewer, requireViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { isForm, notAForm, runForm, type FormState } from "@/lib/form-state";
import { formToObject, parseInput } from "@/lib/validation";
import { signInSchema } from "@/lib/auth/authenticate";
import { isLocale, type Locale } from "@/i18n/routing";
import {
  requestPasswordReset,
  resendVerification,
  resetPassword,
  setPreferredLocale,
  signUp,
  verifyEmail,
} from "./service";

async function currentLocale(): Promise<Locale> {
  const l = await getLocale();
  return isLocale(l) ? l : "zh-CN";
}

/** Only same-site paths, so a crafted link cannot send someone elsewhere after sign-in. */
function safeNext(next: string | undefined, locale: Locale): string {
  return next && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : `/${locale}/learn`;
}

export async function signInAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  const locale = await currentLocale();
  return runForm(values, async () => {
    const input = parseInput(signInSchema, values);
    try {
      await signIn("credentials", { ...input, redirectTo: safeNext(values.next, locale) });
    } catch (e) {
      if (e instanceof CredentialsSignin) {
        const m = /^throttled:(\d+)$/.exec(e.code);
        if (m) {
          throw new AppError("RATE_LIMITED", "throttled", "Too many attempts", {
            retryAfterSeconds: Number(m[1]),
          });
        }
        if (e.code === "disabled") {
          throw new AppError("FORBIDDEN", "account_disabled", "This account is disabled");
        }
        throw new AppError("UNAUTHENTICATED", "invalid_credentials", "Wrong e-mail or password");
      }
      if (e instanceof AuthError)
        throw new AppError("UNAUTHENTICATED", "invalid_credentials", e.message);
      throw e; // the redirect after success
    }
  });
}

export async function signOutAction(): Promise<void> {
  const locale = await currentLocale();
  await signOut({ redirectTo: `/${locale}/sign-in?signedOut=1` });
}

export async function signUpAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  const locale = await currentLocale();
  return runForm(values, () => signUp(values, locale));
}

export async function verifyEmailAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, () => verifyEmail(values.token));
}

export async function requestResetAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  const locale = await currentLocale();
  return runForm(values, () => requestPasswordReset(values, locale));
}

export async function resetPasswordAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  const locale = await currentLocale();
  const state = await runForm(values, () => resetPassword(values));
  if (state.status === "ok") redirect(`/${locale}/sign-in?reset=1`);
  return state;
}

export async function resendVerificationAction(): Promise<FormState> {
  return runForm({}, async () => {
    const viewer = await requireViewer();
    await resendVerification(viewer.userId);
  });
}

/** Saves the language a signed-in person chose, so their mail follows it too. */
export async function setLocaleAction(locale: string): Promise<void> {
  const viewer = await getViewer();
  if (viewer && isLocale(locale)) await setPreferredLocale(viewer.userId, locale);
}
