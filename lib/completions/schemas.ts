import { z } from "zod";
import { isAccountNumber } from "@/lib/ledger/account-number";
import { parseMinorUnits } from "@/lib/money/minor-units";

// Scores are kept in hundredths, like credits.
export const SCORE_EXPONENT = 2;
const MAX_SCORE_X100 = 10_000; // 100.00

const blankToUndefined = (v: unknown) =>
  v === "" || v === null || (typeof v === "string" && v.trim() === "") ? undefined : v;

/** A score 0–100 with at most two decimals, as a number (API) or text (form, CSV) → ×100. */
const scoreSchema = z.preprocess(
  blankToUndefined,
  z
    .union([z.number(), z.string().trim()])
    .transform((v, ctx) => {
      // Numbers as JSON writes them ("85.5"); "1e2" and the like are refused as not decimal.
      const text = typeof v === "number" ? String(v) : v;
      const r = parseMinorUnits(text, SCORE_EXPONENT);
      const x100 = r.ok ? r.value : -1;
      if (x100 < 0 || x100 > MAX_SCORE_X100) {
        ctx.addIssue({ code: "custom", message: "A score is a number from 0 to 100" });
        return z.NEVER;
      }
      return x100;
    })
    .optional(),
);

const attendanceSchema = z.preprocess(
  blankToUndefined,
  z.coerce.number().int().min(0).max(100).optional(),
);

const dateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "Not a calendar date");

const evidenceSchema = z.preprocess(
  blankToUndefined,
  z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
);

/**
 * One completion as the UI, a CSV row and the API give it (PRODUCT.md §7): the enrolment, or the
 * learner's account number and the resource slug; the score (0–100), attendance (%), date and an
 * evidence link. Which of score and attendance are needed is the completion rule's business.
 */
export const completionInputSchema = z
  .strictObject({
    enrolmentId: z.preprocess(blankToUndefined, z.uuid().toLowerCase().optional()),
    accountNumber: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .toUpperCase()
        .refine(isAccountNumber, "Not a learning account number")
        .optional(),
    ),
    resourceSlug: z.preprocess(blankToUndefined, z.string().trim().min(1).max(200).optional()),
    score: scoreSchema,
    attendancePct: attendanceSchema,
    completedOn: dateSchema,
    evidenceUrl: evidenceSchema,
  })
  .superRefine((v, ctx) => {
    if (!v.enrolmentId && !(v.accountNumber && v.resourceSlug)) {
      ctx.addIssue({
        code: "custom",
        path: ["enrolmentId"],
        message: "Name the enrolment, or the account number and the resource slug",
      });
    }
  });
export type CompletionInput = z.output<typeof completionInputSchema>;

export const voidCompletionSchema = z.strictObject({
  completionId: z.uuid(),
  reason: z.string().trim().min(3).max(500),
});
