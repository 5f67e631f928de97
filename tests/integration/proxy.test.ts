import { NextRequest, NextResponse } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import proxy from "@/proxy";
import { resetEnvCache } from "@/lib/env";

// next-intl's middleware does not load outside Next (it imports `next/server` unresolved). A
// stand-in doing what it does for a path that has its locale: pass the request's headers on.
vi.mock("next-intl/middleware", () => ({
  default: () => (request: NextRequest) =>
    NextResponse.next({ request: { headers: new Headers(request.headers) } }),
}));

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function production() {
  process.env = {
    ...saved,
    APP_MODE: "production",
    DATABASE_URL: "postgres://db/x",
    SMTP_URL: "smtp://mail.example.cn",
    AUTH_SECRET: "x".repeat(32),
    LEDGER_SIGNING_JWKS: "{}",
    CREDENTIAL_SIGNING_JWKS: "{}",
  };
  resetEnvCache();
}

const get = (path: string, headers: Record<string, string> = {}) =>
  proxy(new NextRequest(`http://exchange.test${path}`, { headers }));

// proxy.ts runs before every route but Next's hashed assets; the e2e suite covers the rest.
describe("[SECURITY] proxy.ts", () => {
  it("sends HSTS in production only, on pages, the API and uploads alike", () => {
    for (const path of ["/en/resources", "/api/health", "/uploads/covers/x.png"]) {
      expect(get(path).headers.get("strict-transport-security"), path).toBeNull();
    }
    production();
    for (const path of ["/en/resources", "/api/health", "/uploads/covers/x.png", "/api/%"]) {
      expect(get(path).headers.get("strict-transport-security"), path).toMatch(
        /^max-age=\d{8,}; includeSubDomains$/,
      );
    }
  });

  it("hands the page's nonce to Next in the request's CSP, the same as the response's", () => {
    const res = get("/en/resources");
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    // NextResponse.next({ request: { headers } }) passes them as x-middleware-request-*.
    expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
  });

  it("leaves the uploads' own policy alone and gives the API a closed one", () => {
    expect(get("/uploads/covers/x.png").headers.get("content-security-policy")).toBeNull();
    expect(get("/api/health").headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });

  it("refuses a cross-origin action POST but lets a same-origin one through to Next", () => {
    const post = (origin: string) =>
      proxy(
        new NextRequest("http://exchange.test/en/sign-up", {
          method: "POST",
          headers: { origin, host: "exchange.test", "next-action": "x", "content-length": "2" },
          body: "[]",
        }),
      );
    expect(post("http://evil.example").status).toBe(403);
    expect(post("http://exchange.test").status).toBe(200);
  });
});
