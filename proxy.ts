import createMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { isLocale, routing } from "./i18n/routing";
import { getEnv } from "./lib/env";
import {
  hasMalformedPath,
  malformedApiPath,
  refuseServerAction,
} from "./lib/http/request-refusals";
import {
  newNonce,
  pageCsp,
  resourceCsp,
  strictTransportSecurity,
} from "./lib/http/security-headers";

// Locale prefixes, per-request security headers, and the 4xx answers Next would give as a 500
// (malformed paths, refused server actions). Never authorization: that lives in the services.
const intl = createMiddleware(routing);

const API = /^\/api(?:\/|$)/;
const NOT_A_PAGE = /^\/(?:api|_next|_vercel|uploads|\.well-known)(?:\/|$)/;
// Paths with a dot are files: next-intl leaves them alone (they render the not-found page).
const FILE_LIKE = /\.[^/]*$/;

export default function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const isMalformed = hasMalformedPath(pathname);
  if (isMalformed && API.test(pathname)) return secured(malformedApiPath(), resourceCsp);
  if (!isMalformed && NOT_A_PAGE.test(pathname)) {
    // Uploads send their own stricter policy (app/uploads/[...key]); Next's assets need none.
    return secured(NextResponse.next(), pathname.startsWith("/uploads/") ? null : resourceCsp);
  }
  const refused = refuseServerAction(request);
  if (refused) return secured(refused, resourceCsp);

  // Next reads the nonce from the request's CSP header and puts it on every script it renders.
  const nonce = newNonce();
  const csp = pageCsp(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  let response: NextResponse;
  if (isMalformed) {
    response = NextResponse.rewrite(notFoundUrl(request), { request: { headers } });
  } else if (FILE_LIKE.test(pathname)) {
    response = NextResponse.next({ request: { headers } });
  } else {
    response = intl(new NextRequest(request.url, { headers }));
  }
  return secured(response, csp);
}

/**
 * The localised not-found page: `[...rest]` answers 404 for any path, and a `_` segment can
 * never be a real page (a private folder in the app router).
 */
function notFoundUrl(request: NextRequest): URL {
  const first = request.nextUrl.pathname.split("/")[1];
  const cookie = request.cookies.get("NEXT_LOCALE")?.value;
  const locale = isLocale(first) ? first : isLocale(cookie) ? cookie : routing.defaultLocale;
  return new URL(`/${locale}/_not-found`, request.url);
}

function secured(response: NextResponse, csp: string | null): NextResponse {
  if (csp) response.headers.set("Content-Security-Policy", csp);
  // Only production promises HTTPS; a demo on http://127.0.0.1 must stay reachable.
  if (getEnv().APP_MODE === "production") {
    response.headers.set("Strict-Transport-Security", strictTransportSecurity);
  }
  return response;
}

export const config = {
  // Everything but Next's hashed assets, which still come here when their path holds a `%`
  // (to be checked for malformed encoding).
  matcher: "/((?!_next/static/[^%]*$|_next/image).*)",
};
