// GET /api/v1/openapi.json – the Partner API as an OpenAPI 3.1 document, built from its zod schemas
import { NextResponse } from "next/server";
import { getOpenApiDocument } from "@/lib/api/openapi";

// Made from code alone (no database, no request): render it once at build time.
export const dynamic = "force-static";

export function GET() {
  return NextResponse.json(getOpenApiDocument(), {
    headers: { "Access-Control-Allow-Origin": "*" },
  });
}
