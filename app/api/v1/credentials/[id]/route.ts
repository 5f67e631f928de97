// GET /api/v1/credentials/{id} – a credential's status, signed VC-JWT and payload (public: the id is the secret)
import { apiJson, apiRoute } from "@/lib/api/respond";
import { getCredentialAnswer } from "@/lib/credentials/queries";
import { notFound } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export const GET = apiRoute(async (_req: Request, { params }: Params) => {
  const answer = await getCredentialAnswer((await params).id);
  if (!answer) throw notFound("No credential with this id");
  // Anyone holding the id may check it, as on /verify: wallets and employers' tools included.
  return apiJson(answer, 200, { "Access-Control-Allow-Origin": "*" });
});
