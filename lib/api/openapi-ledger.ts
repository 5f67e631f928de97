import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ledgerKinds } from "@/db/schema/ledger";
import type { MyLedgerPage } from "@/lib/ledger/queries";
import { ledgerPageQuerySchema } from "@/lib/ledger/schemas";
import { describes, errorSchema } from "./openapi-schemas";

/*
 * GET /api/v1/me/ledger in the OpenAPI document: the learner's own data, by session (PRODUCT.md
 * §10), so it has its own security scheme and its own 401/403 wording. The response schema is
 * checked against the service's type at compile time (`describes`).
 */

const int = () => z.number().int();
const institutionRef = z
  .object({ slug: z.string(), nameZh: z.string(), nameEn: z.string() })
  .meta({ id: "InstitutionRef" });
const amount = { creditsX100: int(), frozenX100: int() };

export const ledgerBalancesSchema = z
  .object({
    banked: z.object(amount).meta({
      description:
        "Deposits + their reversals + expiries, in hundredths of a credit; `frozenX100` is the part whose credential is suspended by an open payment dispute",
    }),
    byLevel: z.array(
      z.object({ level: int().nullable(), labelZh: z.string(), labelEn: z.string(), ...amount }),
    ),
    byField: z.array(
      z.object({
        fieldCode: z.string().nullable(),
        nameZh: z.string(),
        nameEn: z.string(),
        ...amount,
      }),
    ),
    bySource: z.array(z.object({ institution: institutionRef.nullable(), ...amount })),
    recognitions: z
      .array(z.object({ institution: institutionRef.nullable(), creditsX100: int(), count: int() }))
      .meta({
        description:
          "Per target institution: credits it recognised, net of reversals, and how many deposits. Never part of `banked`.",
      }),
  })
  .meta({ id: "LedgerBalances" });

export const ledgerEntrySchema = z
  .object({
    id: z.uuid(),
    seq: int().min(1),
    kind: z.enum(ledgerKinds),
    creditsX100: int().meta({ description: "Signed: reversals and expiries are negative" }),
    level: int().nullable(),
    levelLabelZh: z.string().nullable(),
    levelLabelEn: z.string().nullable(),
    fieldCode: z.string().nullable(),
    fieldNameZh: z.string().nullable(),
    fieldNameEn: z.string().nullable(),
    titleZh: z.string().nullable(),
    titleEn: z.string().nullable(),
    source: institutionRef.nullable(),
    target: institutionRef.nullable(),
    targetCourseCode: z.string().nullable(),
    completedOn: z.string().nullable().meta({ format: "date" }),
    recordedAt: z.string().meta({ format: "date-time" }),
    reversesSeq: int().nullable(),
    frozen: z.boolean(),
    credentialId: z.uuid().nullable(),
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({ id: "LedgerEntry" });

export const ledgerPageSchema = describes<MyLedgerPage>()(
  z
    .object({
      accountNumber: z.string().meta({ example: "CB-2026-0001234-3" }),
      balances: ledgerBalancesSchema,
      entries: z.array(ledgerEntrySchema),
      total: int(),
      page: int(),
      pageSize: int(),
    })
    .meta({ id: "LedgerPage" }),
);

const failure = (description: string) => ({
  description,
  content: { "application/json": { schema: errorSchema } },
});

export function registerLedgerPaths(registry: OpenAPIRegistry): void {
  registry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "authjs.session-token",
    description:
      "The signed-in learner's session (the cookie the web sign-in sets). For the learner's own data only; institution API keys are refused.",
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/me/ledger",
    operationId: "getMyLedger",
    summary: "The signed-in learner's ledger: entries in chain order, page by page, and balances",
    security: [{ session: [] }],
    request: { query: ledgerPageQuerySchema },
    responses: {
      "200": {
        description: "One page of entries and the balances of the whole account",
        content: { "application/json": { schema: ledgerPageSchema } },
      },
      "400": failure("A bad page or pageSize; `details` names it"),
      "401": failure("Not signed in, or an unknown or revoked API key"),
      "403": failure("An API key: this endpoint serves a learner's own data, by session only"),
      "429": failure("Too many requests from this person in the current minute"),
      "500": failure("Our fault; nothing about the request"),
    },
  });
}
