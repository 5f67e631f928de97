import { z } from "zod";
import { offerKinds } from "@/db/schema";
import { locales } from "@/i18n/routing";
import { slugSchema } from "@/lib/institutions/schemas";

/** Integers from a form (digits only) or JSON: "1.5", "-2" and "1e3" are refused, not read. */
const integer = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
]);
const count = integer.pipe(z.number().int().min(1).max(100_000));
const minor = integer.pipe(z.number().int().min(0).max(100_000_000));

export const checkoutLineSchema = z.strictObject({
  resourceId: z.uuid(),
  offerKind: z.enum(offerKinds),
  quantity: count,
  // The unit price the buyer was shown: a changed offer is refused, never charged silently.
  expectedUnitAmountMinor: minor,
  expectedCurrency: z.string().regex(/^[A-Z]{3}$/),
});

export const checkoutSchema = z.strictObject({
  // "self" for the learner's own order, else the slug of the institution bought for.
  buyer: z.union([z.literal("self"), slugSchema]),
  lines: z.array(checkoutLineSchema).min(1).max(50),
  paymentRoute: z.enum(["checkout", "bank_transfer"]).default("checkout"),
  locale: z.enum(locales).default("zh-CN"),
});
export type CheckoutInput = z.input<typeof checkoutSchema>;

export const orderIdSchema = z.strictObject({ orderId: z.uuid() });
