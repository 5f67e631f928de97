// POST /api/v1/completions – record a result for an enrolment of the key's institution (completions:write)
import type { Tx } from "@/db";
import { authenticateApiRequest } from "@/lib/api/authenticate-request";
import { apiWriteRequest, withIdempotency } from "@/lib/api/idempotency";
import { apiResult, apiRoute, readJsonBody } from "@/lib/api/respond";
import { recordCompletionIn } from "@/lib/completions/record";
import { completionInputSchema } from "@/lib/completions/schemas";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (req: Request) => {
  const actor = await authenticateApiRequest(req, "completions:write");
  const body = await readJsonBody(req);
  const data = parseInput(completionInputSchema, body);
  return apiResult(
    await withIdempotency(apiWriteRequest(req, actor.keyId, body), async (tx) => {
      // withIdempotency always runs its callback inside a transaction.
      const result = await recordCompletionIn(tx as Tx, actor, null, data, "api");
      return { status: result.status === "recorded" ? 201 : 200, body: result };
    }),
  );
});
