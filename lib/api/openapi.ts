import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
} from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { createResourceSchema, updateResourceSchema } from "@/lib/catalogue/schemas";
import { catalogueQuerySchema } from "@/lib/search/query";
import { completionInputSchema } from "@/lib/completions/schemas";
import { credentialAnswerSchema } from "@/lib/credentials/api-schema";
import type { ApiScope } from "@/lib/auth/actor";
import {
  apiCallerSchema,
  completionRecordedSchema,
  errorSchema,
  resourceCreatedSchema,
  resourceSchema,
  resourceUpdatedSchema,
  searchResultSchema,
} from "./openapi-schemas";
import { registerLedgerPaths } from "./openapi-ledger";
import { API_RATE_LIMIT, idempotencyKeySchema, MAX_BODY_BYTES } from "./schemas";

export const API_VERSION = "1.0.0";

/**
 * zod-to-openapi decides nullability by parsing `null`, and the catalogue query's preprocess
 * (empty → absent) and `z.coerce.number()` (null → 0) both accept it, so those parameters come
 * out as `["integer", "null"]`. A query string cannot carry null: drop it from parameter schemas
 * (the request schemas themselves stay exactly what validates requests).
 */
type ParameterSchema = { type?: string | string[]; enum?: unknown[] };
function withoutNullParameters<D extends { paths?: object }>(doc: D): D {
  for (const item of Object.values(doc.paths ?? {}) as Record<string, unknown>[]) {
    for (const op of Object.values(item) as { parameters?: { schema?: ParameterSchema }[] }[]) {
      for (const p of op.parameters ?? []) {
        const schema = p.schema;
        if (!schema) continue;
        if (Array.isArray(schema.type)) {
          const types = schema.type.filter((t) => t !== "null");
          schema.type = types.length === 1 ? types[0] : types;
        }
        if (schema.enum) schema.enum = schema.enum.filter((v) => v !== null);
      }
    }
  }
  return doc;
}

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const failure = (description: string): ResponseConfig => ({ description, ...json(errorSchema) });

const badRequest = { "400": failure("The request is malformed; `details` names each bad field") };
const commonErrors: Record<string, ResponseConfig> = {
  "401": {
    ...failure("No API key, or an unknown or revoked one"),
    headers: { "WWW-Authenticate": { schema: { type: "string" } } },
  },
  "403": failure("The key lacks the scope, or the institution may not do this"),
  "429": {
    ...failure(
      `More than ${API_RATE_LIMIT.limit} requests in ${API_RATE_LIMIT.windowSeconds} s for this key`,
    ),
    headers: {
      "Retry-After": {
        description: "Seconds until the current window ends",
        schema: { type: "integer", minimum: 1 },
      },
    },
  },
  "500": failure("Our fault; nothing about the request"),
};
const notFound = { "404": failure("No such resource, or not visible to this key") };
const writeErrors = {
  "409": failure(
    "A request with this Idempotency-Key is still in flight, or the write conflicts with the resource's state",
  ),
  "422": failure(
    "This Idempotency-Key was already used for a different request (method, path or body)",
  ),
};

const writeHeaders = z.object({
  "Idempotency-Key": idempotencyKeySchema.optional().meta({
    description:
      "Makes the write happen at most once: a retry with the same key, path and body within 24 hours gets the first answer again",
  }),
});
const jsonBody = (schema: z.ZodType) => ({
  required: true,
  description: `JSON, at most ${MAX_BODY_BYTES} bytes`,
  ...json(schema),
});
const needs = (scope: ApiScope) => [{ bearer: [scope] }];

function buildDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description:
      "An institution API key (`cbx_…`), created by the institution's owner. The names in each operation's security requirement are the scopes the key must hold.",
  });

  registry.registerPath({
    method: "get",
    path: "/api/v1/catalogue",
    operationId: "searchCatalogue",
    summary: "Search the published catalogue, with facets",
    security: needs("catalogue:read"),
    request: { query: catalogueQuerySchema },
    responses: {
      "200": { description: "One page of hits", ...json(searchResultSchema) },
      ...badRequest,
      ...commonErrors,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/resources/{idOrSlug}",
    operationId: "getResource",
    summary: "One resource by id or slug",
    security: needs("catalogue:read"),
    request: { params: z.object({ idOrSlug: z.string().min(1).max(120) }) },
    responses: {
      "200": { description: "The resource", ...json(resourceSchema) },
      ...badRequest,
      ...commonErrors,
      ...notFound,
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/resources",
    operationId: "createResource",
    summary: "Create a resource (a draft for the alliance's review)",
    security: needs("resources:write"),
    request: {
      headers: writeHeaders,
      body: jsonBody(createResourceSchema.meta({ id: "CreateResource" })),
    },
    responses: {
      "201": { description: "Created", ...json(resourceCreatedSchema) },
      ...badRequest,
      ...commonErrors,
      ...writeErrors,
    },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/resources/{id}",
    operationId: "updateResource",
    summary: "Change some fields of a resource of the key's institution",
    security: needs("resources:write"),
    request: {
      params: z.object({ id: z.uuid() }),
      headers: writeHeaders,
      body: jsonBody(updateResourceSchema.meta({ id: "UpdateResource" })),
    },
    responses: {
      "200": {
        description: "Saved; says whether the change waits for review",
        ...json(resourceUpdatedSchema),
      },
      ...badRequest,
      ...commonErrors,
      ...notFound,
      ...writeErrors,
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/completions",
    operationId: "recordCompletion",
    summary:
      "Record a result for an enrolment on one of the key's institution's resources; a pass deposits its credits",
    description:
      "Name the enrolment, or the learner's account number and the resource slug. The resource version's completion rule decides pass or fail. The same result again answers 200 `unchanged`; a different result after a pass is refused (409) until a correction.",
    security: needs("completions:write"),
    request: {
      headers: writeHeaders,
      body: jsonBody(completionInputSchema.meta({ id: "RecordCompletion" })),
    },
    responses: {
      "201": { description: "Recorded", ...json(completionRecordedSchema) },
      "200": { description: "Already recorded, unchanged", ...json(completionRecordedSchema) },
      ...badRequest,
      ...commonErrors,
      ...notFound,
      ...writeErrors,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/me",
    operationId: "getApiCaller",
    summary: "The institution and scopes of the calling key",
    security: [{ bearer: [] }],
    responses: { "200": { description: "The caller", ...json(apiCallerSchema) }, ...commonErrors },
  });
  registerLedgerPaths(registry);

  registry.registerPath({
    method: "get",
    path: "/api/v1/credentials/{id}",
    operationId: "getCredential",
    summary: "A credential: its status, signed VC-JWT and Open Badges 3.0 payload",
    description:
      "Public: whoever holds the (unguessable) id may read it, as on the /verify page. Verify the JWT with /.well-known/jwks.json.",
    security: [],
    request: { params: z.object({ id: z.uuid() }) },
    responses: {
      "200": { description: "The credential", ...json(credentialAnswerSchema) },
      "404": failure("No credential with this id (or not an id at all)"),
      "500": commonErrors["500"]!,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/credentials/status/revocation",
    operationId: "getRevocationList",
    summary: "The revocation list: a signed W3C BitstringStatusListCredential",
    description:
      "The compact VC-JWT (same key and header as credentials). `encodedList` is the GZIP-compressed bitstring, multibase base64url; bit 0 is the most significant bit of the first byte.",
    security: [],
    responses: {
      "200": {
        description: "The signed list",
        content: { "application/vc+jwt": { schema: { type: "string" } } },
      },
      "500": commonErrors["500"]!,
    },
  });

  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Credit Bank Alliance Exchange – Partner API",
      version: API_VERSION,
      description: [
        "Amounts are integers in minor units with a currency; credits are `creditsX100` (1 credit = 100).",
        `Every key is limited to ${API_RATE_LIMIT.limit} requests per ${API_RATE_LIMIT.windowSeconds} seconds.`,
        'Errors are always `{ "error": { "code", "message", "details"? } }`.',
      ].join(" "),
    },
    security: [{ bearer: [] }],
  });
  return withoutNullParameters(doc);
}

export type OpenApiDocument = ReturnType<typeof buildDocument>;
let cached: OpenApiDocument | undefined;

/** The document, built once per process from the schemas above (no database, no request). */
export function getOpenApiDocument(): OpenApiDocument {
  cached ??= buildDocument();
  return cached;
}
