// GET /api/credentials/{id}/download – the signed learner's own credential as a VC-JWT file
import { apiRoute } from "@/lib/api/respond";
import { getViewer } from "@/lib/auth/viewer";
import { getOwnCredentialJwt } from "@/lib/credentials/queries";
import { notFound } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export const GET = apiRoute(async (_req: Request, { params }: Params) => {
  const { id } = await params;
  const viewer = await getViewer();
  // Signed out or someone else's: not found alike (the public view is /verify/<id>).
  if (!viewer) throw notFound("No such credential");
  const jwt = await getOwnCredentialJwt(viewer, id);
  return new Response(jwt, {
    headers: {
      "Content-Type": "application/vc+jwt",
      "Content-Disposition": `attachment; filename="credential-${id}.jwt"`,
      "Cache-Control": "private, no-store",
    },
  });
});
