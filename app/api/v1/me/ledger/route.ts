// GET /api/v1/me/ledger – the signed-in learner's ledger entries (paged, chain order) and balances
import { authenticateLearnerRequest } from "@/lib/api/learner-session";
import { apiJson, apiRoute } from "@/lib/api/respond";
import { getMyLedgerPage } from "@/lib/ledger/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (req: Request) => {
  const viewer = await authenticateLearnerRequest(req);
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return apiJson(await getMyLedgerPage(viewer, query));
});
