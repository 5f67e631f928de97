import { z } from "zod";

/** E-mail is compared on its trimmed, lower-cased form (PRODUCT.md §2). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .trim()
  .min(1)
  .max(254)
  .pipe(z.email())
  .transform(normalizeEmail);
