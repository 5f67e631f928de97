import { NextResponse } from "next/server";
import { unstable_rethrow } from "next/navigation";
import { AppError, isAppError, type FieldErrors } from "@/lib/errors";
import { MAX_BODY_BYTES } from "./schemas";

/** The one error shape of the Partner API (PRODUCT.md §10). */
export type ApiErrorBody = {
  error: { code: string; message: string; details?: FieldErrors };
};

export function errorBody(e: AppError): ApiErrorBody {
  return {
    error: { code: e.code, message: e.message, ...(e.fields ? { details: e.fields } : {}) },
  };
}

function headersFor(e: AppError): Record<string, string> {
  if (e.code === "RATE_LIMITED" && e.retryAfterSeconds !== undefined) {
    return { "Retry-After": String(e.retryAfterSeconds) };
  }
  // RFC 9110: a 401 names the scheme the client should use.
  if (e.code === "UNAUTHENTICATED") return { "WWW-Authenticate": 'Bearer realm="api"' };
  return {};
}

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
  const init = { status, headers: { "Cache-Control": "no-store", ...headers } };
  // A 204 may carry no body at all (the Response constructor refuses one).
  return status === 204 ? new NextResponse(null, init) : NextResponse.json(body, init);
}

/** An error as an HTTP answer; anything not an AppError is our fault and says nothing more. */
export function apiError(e: unknown): NextResponse {
  if (isAppError(e)) return apiJson(errorBody(e), e.status, headersFor(e));
  console.error(e);
  return apiJson({ error: { code: "INTERNAL", message: "Internal server error" } }, 500);
}

/** A write's result, fresh or replayed for a repeated Idempotency-Key. */
export function apiResult(result: { status: number; body: unknown; replayed?: boolean }) {
  return apiJson(
    result.body,
    result.status,
    result.replayed ? { "Idempotent-Replayed": "true" } : {},
  );
}

const badRequest = (reason: string, message: string) =>
  new AppError("BAD_REQUEST", reason, message);

// application/json and any +json type, with or without parameters.
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The request's JSON body. Refused with 400 (never 500): a non-JSON content type, more than
 * 1 MB (by Content-Length or as it streams in), bytes that are not UTF-8, or text that is not JSON.
 */
export async function readJsonBody(req: Request): Promise<unknown> {
  // 415/413 would be more precise; the one AppError has no such codes, and 400 is still true.
  if (!JSON_TYPE.test(req.headers.get("content-type") ?? "")) {
    throw badRequest("unsupported_media_type", "Send the body as Content-Type: application/json");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const bytes = await readCapped(req);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest("invalid_json", "The body is not UTF-8 text");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest("invalid_json", "The body is not valid JSON");
  }
}

const tooLarge = () =>
  badRequest("body_too_large", `The body may be at most ${MAX_BODY_BYTES} bytes`);

async function readCapped(req: Request): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Wrap a route handler so every failure leaves as the API's JSON error. */
export function apiRoute<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      // Next's own control flow (dynamic rendering bail-outs and the like) is not an error.
      unstable_rethrow(e);
      return apiError(e);
    }
  };
}
