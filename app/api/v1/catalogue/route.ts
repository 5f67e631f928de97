// GET /api/v1/catalogue – search the public catalogue (filters, sorts, facets; scope catalogue:read)
import { authenticateApiRequest } from "@/lib/api/authenticate-request";
import { apiJson, apiRoute } from "@/lib/api/respond";
import { searchCatalogue } from "@/lib/search";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (req: Request) => {
  await authenticateApiRequest(req, "catalogue:read");
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return apiJson(await searchCatalogue(query));
});
