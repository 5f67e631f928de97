import { z } from "zod";

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** Deepest page of entries: page × pageSize stays within this (as the catalogue's window). */
export const MAX_LEDGER_WINDOW = 100_000;

/** The query of GET /api/v1/me/ledger: pages of entries in chain order, as /api/v1/catalogue pages. */
export const ledgerPageQuerySchema = z
  .strictObject({
    page: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(1).max(MAX_LEDGER_WINDOW).default(1),
    ),
    pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(50)),
  })
  .superRefine((v, ctx) => {
    if (v.page * v.pageSize > MAX_LEDGER_WINDOW) {
      ctx.addIssue({
        code: "custom",
        path: ["page"],
        message: `page × pageSize may not exceed ${MAX_LEDGER_WINDOW}`,
        params: { code: "too_long" },
      });
    }
  });

/** The "show my name on credentials issued from now on" switch (a checkbox: present = on). */
export const nameOnCredentialsSchema = z.strictObject({
  show: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export type NameOnCredentialsInput = z.input<typeof nameOnCredentialsSchema>;
