import { z } from "zod";
import { apiScopes } from "@/db/schema/api";
import { resourceKinds, resourceStatuses } from "@/db/schema/catalogue";
import type { createResource } from "@/lib/catalogue/create-resource";
import type { UpdateOutcome } from "@/lib/catalogue/update-resource";
import { facetNames, type SearchResult } from "@/lib/search/query";
import type { ApiErrorBody } from "./respond";
import type { ApiCaller } from "./me";
import type { CompletionRecorded } from "@/lib/completions/record";

/*
 * Response shapes for the OpenAPI document. Requests are described by the very schemas that
 * validate them; responses are produced by services as plain TypeScript types, so each schema
 * here is checked at compile time to match its type exactly (`describes<T>()`): change a DTO and
 * this file stops compiling until the document follows.
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const describes =
  <T>() =>
  <S extends z.ZodType>(schema: S & (Same<z.output<S>, T> extends true ? unknown : never)) =>
    schema;

const validationCodes = [
  "required",
  "invalid_email",
  "too_short",
  "too_long",
  "invalid_choice",
  "invalid_format",
  "mismatch",
  "taken",
  "unknown_field",
  "invalid",
] as const;

export const errorSchema = describes<ApiErrorBody>()(
  z
    .object({
      error: z.object({
        code: z.string().meta({
          description: "BAD_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, …",
        }),
        message: z.string().meta({ description: "English, for people reading logs" }),
        details: z
          .record(
            z.string(),
            z.object({
              code: z.enum(validationCodes),
              min: z.number().optional(),
              max: z.number().optional(),
            }),
          )
          .optional()
          .meta({ description: "Per field (dotted path): what is wrong with it" }),
      }),
    })
    .meta({ id: "Error" }),
);

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const searchResultSchema = describes<SearchResult>()(
  z
    .object({
      hits: z.array(
        z
          .object({
            id: z.string(),
            slug: z.string(),
            titleZh: z.string(),
            titleEn: z.string(),
            summaryZh: z.string(),
            summaryEn: z.string(),
            institutionSlug: z.string(),
            institutionNameZh: z.string(),
            institutionNameEn: z.string(),
            kind: z.string(),
            creditsX100: z.number().int(),
            level: z.number().int(),
            fieldCode: z.string(),
            price: money.nullable(),
          })
          .meta({ id: "SearchHit" }),
      ),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      facets: z.record(z.enum(facetNames), z.record(z.string(), z.number().int())).meta({
        description:
          "For each facet: value → number of matching resources. Disjunctive: a facet with a " +
          "selection (kind, field, level, institution, language, delivery, free) counts without " +
          "its own selection, i.e. what choosing each other value instead would return.",
      }),
      tookMs: z.number(),
    })
    .meta({ id: "SearchResult" }),
);

type CreatedResource = Awaited<ReturnType<typeof createResource>>;

export const resourceCreatedSchema = describes<CreatedResource>()(
  z
    .object({ id: z.string(), slug: z.string(), versionId: z.string(), status: z.string() })
    .meta({ id: "ResourceCreated" }),
);

export const resourceUpdatedSchema = describes<UpdateOutcome>()(
  z
    .object({
      versionId: z.string(),
      state: z.enum(["draft", "changes_requested", "published"]),
      needsReview: z.boolean(),
    })
    .meta({ id: "ResourceUpdated" }),
);

// Provisional until lib/catalogue exports the resource's public DTO: then describe it exactly.
export const resourceSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    kind: z.enum(resourceKinds),
    status: z.enum(resourceStatuses),
    institution: z.object({ slug: z.string(), nameZh: z.string(), nameEn: z.string() }),
    titleZh: z.string(),
    titleEn: z.string(),
    summaryZh: z.string(),
    summaryEn: z.string(),
    creditsX100: z.number().int(),
    level: z.number().int(),
    fieldCode: z.string(),
  })
  .loose()
  .meta({ id: "Resource" });

export const apiCallerSchema = describes<ApiCaller>()(
  z
    .object({
      institution: z.object({ slug: z.string(), nameZh: z.string(), nameEn: z.string() }),
      scopes: z.array(z.enum(apiScopes)),
    })
    .meta({ id: "ApiCaller" }),
);

export const completionRecordedSchema = describes<CompletionRecorded>()(
  z
    .object({
      completionId: z.uuid(),
      enrolmentId: z.uuid(),
      outcome: z.enum(["pass", "fail"]),
      reason: z
        .string()
        .nullable()
        .meta({ description: "Why it failed (`score_below_minimum`, `attendance_below_minimum`)" }),
      status: z.enum(["recorded", "unchanged"]).meta({
        description: "`unchanged`: this same result was already recorded; nothing happened",
      }),
      depositedX100: z.number().int().meta({ description: "Credits deposited by this pass" }),
      entryId: z.uuid().nullable(),
      credentialId: z.uuid().nullable(),
    })
    .meta({ id: "CompletionRecorded" }),
);
