import type { ApiScope } from "@/lib/auth/actor";
import { assertScope, authenticateApiKey, type ApiKeyActor } from "./keys";
import { checkRateLimit } from "./rate-limit";

/**
 * The first step of every Partner API route: who is calling (401), not too often (429), and
 * allowed to do this kind of thing at all (403). Services still check the institution.
 */
export async function authenticateApiRequest(req: Request, scope?: ApiScope): Promise<ApiKeyActor> {
  const actor = await authenticateApiKey(req.headers.get("authorization"));
  await checkRateLimit(`api_key:${actor.keyId}`);
  if (scope) assertScope(actor, scope);
  return actor;
}
