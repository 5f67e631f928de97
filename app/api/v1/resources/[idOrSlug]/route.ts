// GET /api/v1/resources/{idOrSlug} – one published resource (catalogue:read)
// PATCH /api/v1/resources/{id} – edit a resource of the key's institution (resources:write)
import { authenticateApiRequest } from "@/lib/api/authenticate-request";
import { apiWriteRequest, withIdempotency } from "@/lib/api/idempotency";
import { apiJson, apiResult, apiRoute, readJsonBody } from "@/lib/api/respond";
import { getPublicResource } from "@/lib/catalogue/queries";
import { updateResource } from "@/lib/catalogue/update-resource";
import { notFound } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ idOrSlug: string }> };

export const GET = apiRoute(async (req: Request, { params }: Params) => {
  await authenticateApiRequest(req, "catalogue:read");
  const resource = await getPublicResource((await params).idOrSlug);
  if (!resource) throw notFound("No published resource with this id or slug");
  return apiJson(resource);
});

export const PATCH = apiRoute(async (req: Request, { params }: Params) => {
  const actor = await authenticateApiRequest(req, "resources:write");
  const body = await readJsonBody(req);
  const { idOrSlug } = await params;
  return apiResult(
    // The resource is in the path, and the path is part of the key's fingerprint.
    await withIdempotency(apiWriteRequest(req, actor.keyId, body), async (tx) => ({
      status: 200,
      body: await updateResource(actor, idOrSlug, body, { tx }),
    })),
  );
});
