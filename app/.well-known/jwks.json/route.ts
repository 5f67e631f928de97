// GET /.well-known/jwks.json – every public signing key (credentials and ledger checkpoints), retired ones included
import { apiJson, apiRoute } from "@/lib/api/respond";
import { publishedJwks } from "@/lib/credentials/jwks";

// The keys come from the environment or $DATA_DIR at run time, never from the build.
export const dynamic = "force-dynamic";

export const GET = apiRoute(async () =>
  apiJson(await publishedJwks(), 200, {
    // Public by nature; verifiers anywhere may fetch it. Rotation adds keys, so a short cache.
    "Cache-Control": "public, max-age=300",
    "Access-Control-Allow-Origin": "*",
  }),
);
