import { describe, expect, it } from "vitest";
import { summarizeOperations } from "./openapi-summary";

describe("summarizeOperations", () => {
  it("flattens paths into operations with their scopes, parameters, body and statuses", () => {
    const ops = summarizeOperations({
      paths: {
        "/x/{id}": {
          parameters: [],
          patch: {
            operationId: "changeX",
            summary: "Change x",
            security: [{ bearer: ["x:write"] }],
            parameters: [
              {
                name: "id",
                in: "path",
                required: true,
                schema: { type: "string", format: "uuid" },
              },
              { name: "n", in: "query", schema: { type: ["integer"], minimum: 1, maximum: 5 } },
              {
                name: "s",
                in: "query",
                schema: { type: "string", enum: ["a", "b"], pattern: "^a|b$" },
              },
              {
                name: "q",
                in: "query",
                schema: { type: "string", pattern: "^\\d+$", default: "" },
              },
              { $ref: "#/components/parameters/Ignored" },
            ],
            requestBody: {
              content: { "application/json": { schema: { $ref: "#/components/schemas/X" } } },
            },
            responses: { "404": {}, "200": {} },
          },
        },
      },
    });
    expect(ops).toEqual([
      {
        id: "changeX",
        method: "PATCH",
        path: "/x/{id}",
        summary: "Change x",
        scopes: ["x:write"],
        isPublic: false,
        bySession: false,
        parameters: [
          { name: "id", in: "path", required: true, type: "string", limits: { format: "uuid" } },
          {
            name: "n",
            in: "query",
            required: false,
            type: "integer",
            limits: { minimum: 1, maximum: 5 },
          },
          { name: "s", in: "query", required: false, type: "string", limits: { enum: ["a", "b"] } },
          {
            name: "q",
            in: "query",
            required: false,
            type: "string",
            limits: { pattern: "^\\d+$" },
          },
        ],
        requestBody: "X",
        statuses: ["200", "404"],
      },
    ]);
  });
});
