import { apiJson } from "@/lib/api/respond";
import { constructEvent, WebhookSignatureError } from "@/lib/payments/stripe-client";
import { handleStripeEvent } from "./stripe-events";

const fail = (status: number, code: string, message: string) =>
  apiJson({ error: { code, message } }, status);

/**
 * One Stripe webhook endpoint: the raw body is read before anything else (the signature covers
 * its exact bytes), verified with this endpoint's secret, and only whitelisted event types are
 * handled. 400 for a bad or expired signature (nothing recorded), 200 once handled or ignored,
 * 500 when handling failed and rolled back, so Stripe delivers it again.
 */
export async function answerStripeWebhook(
  req: Request,
  secret: string | undefined,
  handled: ReadonlySet<string>,
): Promise<Response> {
  const raw = await req.text();
  if (!secret) return fail(404, "NOT_FOUND", "Stripe webhooks are not configured");
  let event;
  try {
    event = constructEvent(raw, req.headers.get("stripe-signature"), secret);
  } catch (e) {
    if (e instanceof WebhookSignatureError) {
      return fail(400, "BAD_SIGNATURE", "The Stripe signature is missing, wrong or expired");
    }
    return fail(400, "BAD_REQUEST", "The event is not valid JSON");
  }
  if (!handled.has(event.type)) return apiJson({ received: true, ignored: true });
  try {
    const outcome = await handleStripeEvent(event);
    return apiJson({ received: true, duplicate: outcome === "duplicate" });
  } catch (e) {
    console.error(`stripe webhook ${event.type} ${event.id}:`, e);
    return fail(500, "INTERNAL", "The event could not be handled; it will be retried");
  }
}
