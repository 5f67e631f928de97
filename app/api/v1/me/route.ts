// GET /api/v1/me – the institution and scopes of the calling API key
import { authenticateApiRequest } from "@/lib/api/authenticate-request";
import { getApiCaller } from "@/lib/api/me";
import { apiJson, apiRoute } from "@/lib/api/respond";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (req: Request) => {
  const actor = await authenticateApiRequest(req);
  return apiJson(await getApiCaller(actor));
});
