// POST /api/v1/resources – create a resource of the key's institution, as a draft (resources:write)
import { authenticateApiRequest } from "@/lib/api/authenticate-request";
import { apiWriteRequest, withIdempotency } from "@/lib/api/idempotency";
import { getApiCaller } from "@/lib/api/me";
import { apiResult, apiRoute, readJsonBody } from "@/lib/api/respond";
import { createResource } from "@/lib/catalogue/create-resource";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (req: Request) => {
  const actor = await authenticateApiRequest(req, "resources:write");
  const body = await readJsonBody(req);
  const { institution } = await getApiCaller(actor);
  return apiResult(
    await withIdempotency(apiWriteRequest(req, actor.keyId, body), async (tx) => ({
      status: 201,
      body: await createResource(actor, institution.slug, body, { tx }),
    })),
  );
});
