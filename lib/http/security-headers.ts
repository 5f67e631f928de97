/**
 * Security headers that depend on the request or the run-time mode, set by proxy.ts. The
 * static ones (nosniff, Permissions-Policy, framing, referrer) are in next.config.ts, for every
 * response including Next's own assets.
 */

/** A fresh, unguessable nonce per page request (128 bits, base64). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * Pages: scripts only with this response's nonce, and what those scripts load ('strict-dynamic'),
 * so an injected <script> or inline handler never runs. Next puts the nonce on its own scripts
 * when it finds it in the request's CSP header. Styles stay 'unsafe-inline': React and Next set
 * inline styles, and a style cannot run code.
 */
export function pageCsp(nonce: string, isDev: boolean): string {
  return [
    "default-src 'self'",
    // React rebuilds server stack traces with eval in development only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** JSON and other non-page answers load nothing and run nothing, even if opened directly. */
export const resourceCsp = "default-src 'none'; frame-ancestors 'none'";

/** Production is served over HTTPS only (two years; no preload list, which is hard to leave). */
export const strictTransportSecurity = "max-age=63072000; includeSubDomains";
