/**
 * The client's address, only from a proxy we trust: Next.js fills X-Forwarded-For from the
 * socket only when the client sent none, so without a trusted proxy the header is the client's
 * own word and per-address limits are off (per-address keys would be forgeable).
 */
export function clientAddressFrom(headers: Headers, trustedHops: number): string | null {
  if (trustedHops < 1) return null;
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - trustedHops] ?? null;
}
