import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { ACTION_BODY_LIMIT_BYTES } from "./lib/http/body-limit";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // PGlite ships WASM and argon2 a native binary: load them from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "pg-boss", "pg"],
  poweredByHeader: false,
  // Metadata (the page title) is rendered before the page, never streamed after it: a streamed
  // title is missing while a server action re-renders the page, and axe then finds no title.
  htmlLimitedBots: /.*/,
  // The transcript PDF reads its CJK font from node_modules at run time (lib/ledger/pdf-font.ts):
  // traced deployments must carry the file. The key is a glob over the route ([locale] → *).
  outputFileTracingIncludes: {
    "/*/learn/transcript/pdf": [
      "./node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
    ],
  },
  // Cover images may be up to 2 MiB (lib/storage), above the 1 MB default for server actions.
  experimental: { serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES } },
  // The same for every response. Content-Security-Policy (a nonce per page) and HSTS (production
  // only, read at run time) come from proxy.ts; a CSP here would replace the uploads' own.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          // No page may be framed (clickjacking of staff and office forms).
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
          },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
