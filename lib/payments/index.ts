import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PaymentProvider } from "./provider";
import { bankTransferProvider } from "./bank-transfer";
import { sandboxProvider } from "./sandbox";
import { createStripeProvider } from "./stripe";

export type PaymentsMode = "sandbox" | "stripe";

/** Stripe when its key is set; the sandbox otherwise (PRODUCT.md §6, §11). */
export function paymentsMode(): PaymentsMode {
  return getEnv().STRIPE_SECRET_KEY ? "stripe" : "sandbox";
}

/** The sandbox takes no money: production refuses it unless told otherwise. */
export function sandboxAllowed(): boolean {
  const env = getEnv();
  return env.APP_MODE !== "production" || env.ALLOW_SANDBOX_PAYMENTS;
}

let stripe: PaymentProvider | undefined;

export function getPaymentProvider(): PaymentProvider {
  if (paymentsMode() === "stripe") return (stripe ??= createStripeProvider());
  if (!sandboxAllowed()) {
    throw new AppError(
      "CONFLICT",
      "payments_unavailable",
      "Card payments are not configured (set STRIPE_SECRET_KEY, or ALLOW_SANDBOX_PAYMENTS=true)",
    );
  }
  return sandboxProvider;
}

/** The provider that took a payment: its refunds and transfers go back through it. */
export function providerOf(name: "sandbox" | "stripe" | "bank_transfer"): PaymentProvider {
  if (name === "bank_transfer") return bankTransferProvider;
  if (name === "stripe") return (stripe ??= createStripeProvider());
  return sandboxProvider;
}

/** Tests swap the Stripe client (a recording HTTP client) between cases. */
export function resetPaymentProvider(): void {
  stripe = undefined;
}
