// POST /api/webhooks/stripe – payment, refund and dispute events of the platform account
import { answerStripeWebhook } from "@/lib/commerce/stripe-webhook";
import { STRIPE_PAYMENT_EVENTS } from "@/lib/commerce/stripe-events";
import { getEnv } from "@/lib/env";

export async function POST(req: Request) {
  return answerStripeWebhook(req, getEnv().STRIPE_WEBHOOK_SECRET, STRIPE_PAYMENT_EVENTS);
}
