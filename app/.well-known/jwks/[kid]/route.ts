// GET /.well-known/jwks/{kid} – the one credential key a VC-JWT header's `kid` URL names
import { apiJson, apiRoute } from "@/lib/api/respond";
import { publishedCredentialKey } from "@/lib/credentials/jwks";
import { notFound } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ kid: string }> };

export const GET = apiRoute(async (_req: Request, { params }: Params) => {
  const key = await publishedCredentialKey((await params).kid);
  if (!key) throw notFound("No such key");
  return apiJson(key, 200, {
    // A key never changes under its kid; only new kids appear.
    "Cache-Control": "public, max-age=86400",
    "Access-Control-Allow-Origin": "*",
  });
});
