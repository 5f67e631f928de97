import type { ApiScope } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { limitFailedKeyAttempts } from "./failed-key-limit";
import { assertScope, authenticateApiKey, type ApiKeyActor } from "./keys";
import { checkRateLimit } from "./rate-limit";

/**
 * The first step of every Partner API route: who is calling (401), not too often (429), and
 * allowed to do this kind of thing at all (403). Services still check the institution.
 */
export async function authenticateApiRequest(req: Request, scope?: ApiScope): Promise<ApiKeyActor> {
  const actor = await authenticateApiKey(req.headers.get("authorization")).catch(
    async (e: unknown) => {
      // A wrong key is a guess: guesses are limited per client and in all (429 over the limit).
      // A missing header guesses nothing and stays a plain 401.
      if (isAppError(e) && e.reason === "invalid_api_key") {
        await limitFailedKeyAttempts(req.headers);
      }
      throw e;
    },
  );
  await checkRateLimit(`api_key:${actor.keyId}`);
  if (scope) assertScope(actor, scope);
  return actor;
}
