// GET /api/v1/credentials/status/revocation – the revocation list: a signed BitstringStatusListCredential (VC-JWT)
import { apiRoute } from "@/lib/api/respond";
import { revocationListJwt } from "@/lib/credentials/status-list";

export const dynamic = "force-dynamic";

// The compact JWT itself, as credentials' `credentialStatus.statusListCredential` points here.
export const GET = apiRoute(
  async () =>
    new Response(await revocationListJwt(), {
      headers: {
        "Content-Type": "application/vc+jwt",
        // Built from the rows on every request: a revocation shows at once.
        "Cache-Control": "no-cache",
        "Access-Control-Allow-Origin": "*",
      },
    }),
);
