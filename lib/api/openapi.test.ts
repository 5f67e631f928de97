import { describe, expect, it } from "vitest";
import { catalogueQuerySchema } from "@/lib/search/query";
import { getOpenApiDocument } from "./openapi";
import { summarizeOperations } from "./openapi-summary";
import { API_RATE_LIMIT } from "./schemas";

const doc = getOpenApiDocument();
const ops = summarizeOperations(doc);
const op = (id: string) => {
  const found = ops.find((o) => o.id === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
};

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with the Partner API's operations", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(ops.map((o) => `${o.method} ${o.path}`).sort()).toEqual([
      "GET /api/v1/catalogue",
      "GET /api/v1/credentials/status/revocation",
      "GET /api/v1/credentials/{id}",
      "GET /api/v1/me",
      "GET /api/v1/me/ledger",
      "GET /api/v1/resources/{idOrSlug}",
      "PATCH /api/v1/resources/{id}",
      "POST /api/v1/completions",
      "POST /api/v1/resources",
    ]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("describes every catalogue query parameter the validating schema accepts, never as null", () => {
    const params = op("searchCatalogue").parameters;
    expect(params.map((p) => p.name).sort()).toEqual(
      Object.keys(catalogueQuerySchema.shape).sort(),
    );
    expect(params.every((p) => p.in === "query" && !p.required)).toBe(true);
    expect(params.find((p) => p.name === "creditsMin")).toMatchObject({
      type: "integer",
      limits: { minimum: 0, maximum: 10_000 },
    });
    expect(params.find((p) => p.name === "pageSize")?.limits).toMatchObject({ default: 20 });
    expect(JSON.stringify(doc.paths)).not.toContain('"null"');
  });

  it("takes request bodies from the schemas that validate them", () => {
    expect(op("createResource").requestBody).toBe("CreateResource");
    expect(op("updateResource").requestBody).toBe("UpdateResource");
    const schemas = doc.components?.schemas as Record<
      string,
      { required?: string[]; additionalProperties?: unknown; properties?: object }
    >;
    // strictObject → no extra properties; required fields as in createResourceSchema.
    expect(schemas.CreateResource?.additionalProperties).toBe(false);
    expect(schemas.CreateResource?.required).toEqual(
      expect.arrayContaining(["kind", "fieldCode", "level", "creditsX100", "languages"]),
    );
    expect(schemas.UpdateResource?.required).toBeUndefined();
  });

  it("documents scopes, idempotency, errors and the rate limit", () => {
    expect(op("searchCatalogue").scopes).toEqual(["catalogue:read"]);
    expect(op("createResource").scopes).toEqual(["resources:write"]);
    expect(op("getApiCaller").scopes).toEqual([]);
    // Credentials are read by whoever holds the id, like /verify: no key at all.
    expect(op("getCredential")).toMatchObject({ isPublic: true, scopes: [] });
    expect(op("getRevocationList").isPublic).toBe(true);
    expect(op("getApiCaller").isPublic).toBe(false);
    expect(op("getMyLedger")).toMatchObject({ scopes: [], bySession: true });
    expect(op("getMyLedger").statuses).toEqual(["200", "400", "401", "403", "429", "500"]);
    expect(op("getMyLedger").parameters.map((p) => p.name)).toEqual(["page", "pageSize"]);
    for (const id of ["createResource", "updateResource"]) {
      const header = op(id).parameters.find((p) => p.name === "Idempotency-Key");
      expect(header).toMatchObject({ in: "header", required: false, limits: { maxLength: 200 } });
      expect(op(id).statuses).toEqual(expect.arrayContaining(["409", "422", "429"]));
    }
    const paths = doc.paths as Record<
      string,
      Record<string, { responses: Record<string, { headers?: object; description: string }> }>
    >;
    const limited = paths["/api/v1/catalogue"]!.get!.responses["429"]!;
    expect(limited.headers).toHaveProperty("Retry-After");
    expect(limited.description).toContain(String(API_RATE_LIMIT.limit));
    const error = (
      doc.components?.schemas as Record<string, { properties?: Record<string, unknown> }>
    ).Error;
    expect(error?.properties).toHaveProperty("error");
  });
});
