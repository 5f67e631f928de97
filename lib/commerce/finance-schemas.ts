import { z } from "zod";
import { emailSchema } from "@/lib/auth/email";
import { slugSchema } from "@/lib/institutions/schemas";

/** A blank form field means "not given", not an empty string to validate. */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const note = (max: number) => z.string().trim().max(max);

export const refundLineSchema = z.strictObject({
  institutionSlug: slugSchema,
  lineId: z.uuid(),
  // Seats to refund from a seat line; none given means every unused seat.
  seats: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).optional()),
  reason: z.preprocess(blankToUndefined, note(500).optional()),
});
export type RefundLineInput = z.input<typeof refundLineSchema>;

export const adminRefundLineSchema = refundLineSchema
  .omit({ institutionSlug: true })
  // The office refunds on a seller's behalf: it says why.
  .extend({ reason: note(500).min(1) });

export const currencySchema = z.string().regex(/^[A-Z]{3}$/);
/** A statement period: a calendar month "YYYY-MM" of the alliance's time zone. */
export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const referenceSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N} ._/#:-]+$/u);
/** An amount as people type it ("1234.50"); converted to minor units by lib/money. */
const decimalAmountSchema = z
  .string()
  .trim()
  .min(1)
  .max(30)
  .regex(/^\d+(\.\d+)?$/);

export const recordBankTransferSchema = z.strictObject({
  orderId: z.uuid(),
  reference: referenceSchema,
  amount: decimalAmountSchema,
  currency: currencySchema,
});

export const resolveIncidentSchema = z.strictObject({
  incidentId: z.uuid(),
  note: note(1000).min(1),
});

/** 统一社会信用代码 is 18 characters; older taxpayer numbers run from 15 to 20. */
export const taxpayerIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{15,20}$/);

export const requestFapiaoSchema = z.strictObject({
  orderId: z.uuid(),
  sellerInstitutionId: z.uuid(),
  title: z.string().trim().min(1).max(200),
  taxpayerId: taxpayerIdSchema,
  email: emailSchema,
});

export const issueFapiaoSchema = z.strictObject({
  institutionSlug: slugSchema,
  requestId: z.uuid(),
  invoiceNumber: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[0-9A-Za-z-]+$/),
});

export const statementQuerySchema = z.strictObject({
  institutionSlug: slugSchema,
  period: z.preprocess(blankToUndefined, periodSchema.optional()),
});

export const totalsQuerySchema = z.strictObject({
  period: z.preprocess(blankToUndefined, periodSchema.optional()),
});

export const recordSettlementSchema = z.strictObject({
  institutionId: z.uuid(),
  period: periodSchema,
  currency: currencySchema,
  reference: referenceSchema,
});
