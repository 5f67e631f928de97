import { clientAddressFrom } from "@/lib/auth/client-address";
import { getEnv } from "@/lib/env";
import { countRequest, rateLimited, type RateLimit } from "./rate-limit";

/**
 * Requests with an invalid API key, per minute: per client address, and from everyone together.
 * The global cap is generous (it only bounds a guessing campaign spread over many addresses, or
 * all clients when no trusted proxy names them); it never touches requests with a valid key,
 * which are limited per key, so it cannot be used to lock partners out.
 */
export const FAILED_KEY_LIMITS = {
  perAddress: { limit: 30, windowSeconds: 60 },
  global: { limit: 1000, windowSeconds: 60 },
} as const satisfies Record<string, RateLimit>;

/**
 * Count a request whose API key was refused, and answer 429 (with Retry-After) instead of 401
 * once its client address, or everyone, has failed too often this minute. The address comes from
 * X-Forwarded-For only behind a trusted proxy (TRUSTED_PROXY_HOPS), as for sign-in; without one
 * only the global count applies, since a client-chosen address would be no limit at all.
 */
export async function limitFailedKeyAttempts(
  headers: Headers,
  limits: { perAddress: RateLimit; global: RateLimit } = FAILED_KEY_LIMITS,
): Promise<void> {
  const address = clientAddressFrom(headers, getEnv().TRUSTED_PROXY_HOPS);
  const counts = [
    { rule: limits.global, state: await countRequest("api_key_failed:all", limits.global) },
  ];
  if (address) {
    const key = `api_key_failed:ip:${address}`;
    counts.push({ rule: limits.perAddress, state: await countRequest(key, limits.perAddress) });
  }
  const over = counts.filter((c) => c.state.remaining < 0);
  if (over.length === 0) return;
  const wait = Math.max(...over.map((c) => c.state.resetSeconds));
  throw rateLimited(over[0]!.rule, wait);
}
