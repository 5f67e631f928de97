import { z } from "zod";

const boolString = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  APP_MODE: z.enum(["demo", "production"]).default("demo"),
  // The address `npm run demo` listens on (127.0.0.1 when unset): anything else makes it public.
  DEMO_HOST: z.string().trim().min(1).optional(),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  // Connections per process to PostgreSQL (at least as many as concurrent writers you expect).
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  // Named prepared statements (db/prepared.ts). `false` behind a pooler that cannot carry them
  // between transactions (PgBouncer before 1.21 in transaction mode).
  DATABASE_PREPARE: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  PGLITE_DIR: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  PUBLIC_BASE_URL: z.string().url().default("http://localhost:3000"),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default("学分银行联盟资源交易平台 <no-reply@exchange.localhost>"),
  // How many reverse proxies in front of the app append to X-Forwarded-For (0 = none trusted).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  ALLOW_SANDBOX_PAYMENTS: boolString,
  // inline: each app process runs the background jobs (pg-boss); worker: only `npm run worker` does.
  OUTBOX_MODE: z.enum(["inline", "worker"]).default("inline"),
  // Partner API requests per key and minute (benchmarks raise it).
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  // Stripe when set (lib/payments/stripe.ts); the built-in sandbox otherwise.
  STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  // Connect account events arrive at their own endpoint, signed with its own secret.
  STRIPE_CONNECT_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  // Signing keys as JWK sets (lib/keys): the first private key signs, every key stays published.
  LEDGER_SIGNING_JWKS: z.string().min(2).optional(),
  CREDENTIAL_SIGNING_JWKS: z.string().min(2).optional(),
  // Where ledger checkpoint files are exported (default $DATA_DIR/ledger/checkpoints).
  LEDGER_EXPORT_DIR: z.string().min(1).optional(),
  MEILISEARCH_URL: z.string().url().optional(),
  MEILISEARCH_API_KEY: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/**
 * The validated environment, read lazily: `next build` imports modules but must not demand
 * run-time secrets. Empty strings count as unset, as in most .env files.
 */
export function getEnv(): Env {
  if (cached) return cached;
  const raw = Object.fromEntries(
    Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  if (parsed.data.APP_MODE === "production") {
    const required = [
      "AUTH_SECRET",
      "DATABASE_URL",
      "SMTP_URL",
      "LEDGER_SIGNING_JWKS",
      "CREDENTIAL_SIGNING_JWKS",
    ] as const;
    const missing = required.filter((k) => !parsed.data[k]);
    if (missing.length > 0) {
      throw new Error(`APP_MODE=production requires ${missing.join(", ")} in the environment`);
    }
  }
  if (parsed.data.STRIPE_SECRET_KEY && !parsed.data.STRIPE_WEBHOOK_SECRET) {
    throw new Error("STRIPE_SECRET_KEY requires STRIPE_WEBHOOK_SECRET in the environment");
  }
  cached = parsed.data;
  return cached;
}

export function isDemoMode(): boolean {
  return getEnv().APP_MODE === "demo";
}

const loopbackHosts = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);

/**
 * A demo others can reach: demo mode listening beyond this machine. Its mail must not be
 * readable in a page (reset links would hand over any account), and every page says "demo".
 */
export function isPublicDemo(): boolean {
  const { APP_MODE, DEMO_HOST } = getEnv();
  return (
    APP_MODE === "demo" && DEMO_HOST !== undefined && !loopbackHosts.has(DEMO_HOST.toLowerCase())
  );
}

/** The demo mailbox (every reset and invitation link in a page) is only for the person at the machine. */
export function hasDemoMailbox(): boolean {
  return isDemoMode() && !isPublicDemo();
}

/** Tests change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
