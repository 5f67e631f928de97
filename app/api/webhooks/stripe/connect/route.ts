// POST /api/webhooks/stripe/connect – connected accounts' events, signed with their own secret
import { answerStripeWebhook } from "@/lib/commerce/stripe-webhook";
import { STRIPE_CONNECT_EVENTS } from "@/lib/commerce/stripe-events";
import { getEnv } from "@/lib/env";

export async function POST(req: Request) {
  return answerStripeWebhook(req, getEnv().STRIPE_CONNECT_WEBHOOK_SECRET, STRIPE_CONNECT_EVENTS);
}
