import { NextResponse, type NextRequest } from "next/server";
import type { ApiErrorBody } from "@/lib/api/respond";
import { ACTION_BODY_LIMIT_BYTES } from "./body-limit";

/**
 * Requests Next would answer with a bare 500, answered here with the right 4xx instead. These
 * are protocol checks, never authorization (that lives in the services).
 */

/** `%FF`, a lone `%`, an encoded UTF-16 surrogate: Next fails to decode them and answers 500. */
export function hasMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** The Partner API's error shape (PRODUCT.md §10), for a path it could never have served. */
export function malformedApiPath(): NextResponse {
  const body: ApiErrorBody = {
    error: { code: "BAD_REQUEST", message: "The path has malformed percent-encoding" },
  };
  return NextResponse.json(body, { status: 400, headers: { "Cache-Control": "no-store" } });
}

const refusal = (status: number, message: string) =>
  new NextResponse(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

/**
 * The host the browser addressed, as Next's own server-action check reads it: the first
 * X-Forwarded-Host, else Host.
 */
function addressedHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || headers.get("host");
}

function originHostOf(origin: string): string | null {
  if (origin === "null") return "null";
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * A POST to a page is a server action (or nothing Next would serve). Next refuses a foreign
 * Origin and an oversized body itself, but with a 500; an unparseable Origin makes it throw.
 * Same rule as Next's (no `serverActions.allowedOrigins` is configured; add them here too if
 * ever): a request without Origin passes, as Next lets it, since no browser omits it on a POST.
 */
export function refuseServerAction(request: NextRequest): NextResponse | null {
  if (request.method !== "POST") return null;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    const originHost = originHostOf(origin);
    if (originHost === null || originHost !== addressedHost(request.headers)) {
      return refusal(403, "Forbidden: a server action may only be called from this site.");
    }
  }
  const length = request.headers.get("content-length");
  if (length !== null) {
    if (!/^\d+$/.test(length)) return refusal(400, "Bad Request: invalid Content-Length.");
    if (Number(length) > ACTION_BODY_LIMIT_BYTES) {
      const mib = ACTION_BODY_LIMIT_BYTES / 1024 / 1024;
      return refusal(413, `Payload Too Large: a form may send at most ${mib} MiB.`);
    }
  } else if (request.headers.has("transfer-encoding")) {
    // A streamed body's size is unknown until read; browsers always send Content-Length.
    return refusal(411, "Length Required: send the body with a Content-Length.");
  }
  return null;
}
