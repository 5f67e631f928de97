"use server";

import { getLocale } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { isForm, notAForm, runForm, type FormState } from "@/lib/form-state";
import { formToObject } from "@/lib/validation";
import { addToCart, clearCartItems, removeFromCart } from "./cart";
import { placeOrder } from "./checkout";
import { decideSandboxPayment, startPayment } from "./pay";

/** After placing: to the processor's page while payment is due, else to the order. */
async function goToPayment(orderId: string, status: string, route: string): Promise<never> {
  const locale = await getLocale();
  if (status === "pending" && route === "checkout") {
    const url = await startPayment(await requireViewer(), { orderId });
    // The sandbox's page is ours (a path); Stripe's is an absolute https URL.
    redirect(url.startsWith("/") ? `/${locale}${url}` : url);
  }
  redirect(`/${locale}/orders/${orderId}`);
}

/** "Buy now" and "Buy seats" on a resource page: one line, the price shown on the page. */
export async function buyNowAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  const locale = await getLocale();
  return runForm(values, async () => {
    const { buyer, paymentRoute, ...line } = values;
    const placed = await placeOrder(await requireViewer(), {
      buyer: buyer ?? "self",
      lines: [line],
      ...(paymentRoute ? { paymentRoute } : {}),
      locale,
    });
    revalidatePath("/[locale]/learn", "page");
    await goToPayment(placed.orderId, placed.status, placed.route);
  });
}

/** The cart's checkout: the lines as the page showed them, for the viewer or an institution. */
export async function checkoutCartAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  const locale = await getLocale();
  return runForm(values, async () => {
    let lines: unknown;
    try {
      lines = JSON.parse(values.lines ?? "[]");
    } catch {
      throw new AppError("BAD_REQUEST", "validation", "lines is not JSON", {
        fields: { lines: { code: "invalid_format" } },
      });
    }
    const viewer = await requireViewer();
    const placed = await placeOrder(viewer, {
      buyer: values.buyer ?? "self",
      lines,
      ...(values.paymentRoute ? { paymentRoute: values.paymentRoute } : {}),
      locale,
    });
    const ids = Array.isArray(lines)
      ? lines.map((l) => String((l as { resourceId?: unknown }).resourceId))
      : [];
    await clearCartItems(viewer, ids);
    revalidatePath("/[locale]/cart", "page");
    await goToPayment(placed.orderId, placed.status, placed.route);
  });
}

export async function addToCartAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await addToCart(await requireViewer(), values);
    revalidatePath("/[locale]/cart", "page");
  });
}

export async function removeFromCartAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await removeFromCart(await requireViewer(), values);
    revalidatePath("/[locale]/cart", "page");
  });
}

/** "Pay now" on a waiting order. */
export async function payOrderAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await goToPayment(values.orderId ?? "", "pending", "checkout");
  });
}

/** The sandbox checkout page's confirm and decline buttons. */
export async function sandboxDecisionAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  const locale = await getLocale();
  return runForm(values, async () => {
    const { orderId } = await decideSandboxPayment(await requireViewer(), values);
    revalidatePath("/[locale]/learn", "page");
    redirect(`/${locale}/orders/${orderId}`);
  });
}
