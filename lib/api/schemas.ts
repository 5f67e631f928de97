import { z } from "zod";
import { apiScopes } from "@/db/schema/api";
import type { ApiScope } from "@/lib/auth/actor";
import { slugSchema } from "@/lib/institutions/schemas";

/** Requests per key per window; one constant so the docs and the limiter cannot disagree. */
/** The default (API_RATE_LIMIT_PER_MINUTE overrides the limit). */
export const API_RATE_LIMIT = { limit: 120, windowSeconds: 60 } as const;

/** Request bodies above this are refused before parsing. */
export const MAX_BODY_BYTES = 1024 * 1024;

const scopeSchema = z.enum(apiScopes);

// Checked as a whole so every problem lands on the one form field "scopes" (not "scopes.2").
export const scopesSchema = z
  .array(z.string().trim())
  .max(apiScopes.length * 2)
  .superRefine((list, ctx) => {
    if (list.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: "choose at least one scope",
        params: { code: "required" },
      });
    }
    const unknown = list.filter((s) => !scopeSchema.safeParse(s).success);
    if (unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `unknown scope ${unknown.join(", ")}; known: ${apiScopes.join(", ")}`,
        params: { code: "invalid_choice" },
      });
    }
  })
  .transform((list) => apiScopes.filter((s) => list.includes(s)) as ApiScope[]);

export const createApiKeySchema = z.object({
  institutionSlug: slugSchema,
  name: z.string().trim().min(1).max(100),
  scopes: scopesSchema,
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({
  institutionSlug: slugSchema,
  keyId: z.uuid(),
});

/** The `Idempotency-Key` header: 1–200 printable ASCII characters, not only spaces. */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x20-\x7e]*[\x21-\x7e][\x20-\x7e]*$/);
