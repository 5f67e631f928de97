import { lte } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { now as clockNow } from "@/lib/clock";
import { parseInput } from "@/lib/validation";
import { hashBody } from "./canonical-json";
import { idempotencyKeySchema } from "./schemas";

/**
 * An in-flight claim older than this belongs to a crashed request and is taken over. API writes
 * take milliseconds, seconds under load; two minutes is far above that and still short enough
 * for a client's retry after a crash. A slow request that outlives its claim cannot write twice:
 * its answer is stored only while it still holds the claim, or its write rolls back.
 */
export const IDEMPOTENCY_LOCK_SECONDS = 120;
/** Keys are kept a day (as payment providers do): a retry comes within minutes, not days. */
export const IDEMPOTENCY_RETENTION_SECONDS = 24 * 3600;

/** Whose key it is: an API key, a signed-in person, or a webhook provider. */
export type IdempotencyScope = `api_key:${string}` | `user:${string}` | `webhook:${string}`;
export const apiKeyScope = (apiKeyId: string): IdempotencyScope => `api_key:${apiKeyId}`;
export const userScope = (userId: string): IdempotencyScope => `user:${userId}`;
export const webhookScope = (provider: string): IdempotencyScope => `webhook:${provider}`;

/**
 * One write to run at most once. `route` is the request's path as received (`/api/v1/resources/
 * <id>`, no query string), not the route pattern: the path names the target, so one key sent to
 * two resources is two requests, and a write's input lives in its body, never in the query.
 */
export type IdempotentRequest = {
  scope: IdempotencyScope;
  key: string | null;
  method: string;
  route: string;
  body: unknown;
};

const requestSchema = z.object({
  scope: z.string().regex(/^(api_key|user|webhook):[A-Za-z0-9_.-]{1,100}$/),
  "Idempotency-Key": idempotencyKeySchema,
  method: z.enum(["POST", "PUT", "PATCH", "DELETE"]),
  route: z.string().min(1).max(2000).startsWith("/"),
});

/** A Partner API write: scoped by its API key, method and path from the request itself. */
export function apiWriteRequest(req: Request, apiKeyId: string, body: unknown): IdempotentRequest {
  return {
    scope: apiKeyScope(apiKeyId),
    key: req.headers.get("idempotency-key"),
    method: req.method,
    route: new URL(req.url).pathname,
    body,
  };
}

/** SHA-256 over the canonical JSON of method, route and body: what "the same request" means. */
export function idempotencyFingerprint(r: { method: string; route: string; body: unknown }) {
  return hashBody({ method: r.method.toUpperCase(), route: r.route, body: r.body });
}

export type ParsedRequest = { scope: string; key: string; fingerprint: string };

export function parseIdempotentRequest(r: IdempotentRequest & { key: string }): ParsedRequest {
  const data = parseInput(requestSchema, {
    scope: r.scope,
    "Idempotency-Key": r.key,
    method: r.method.toUpperCase(),
    route: r.route,
  });
  return {
    scope: data.scope,
    key: data["Idempotency-Key"],
    fingerprint: idempotencyFingerprint(r),
  };
}

/**
 * Delete keys past their expiry (run daily by the job queue). A key is treated as gone from the
 * moment it expires whether or not this has run yet, so purging changes no answer.
 */
export async function purgeExpiredIdempotencyKeys(
  db: DbOrTx,
  at: Date = clockNow(),
): Promise<number> {
  const deleted = await db
    .delete(idempotencyKeys)
    .where(lte(idempotencyKeys.expiresAt, at))
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}
