// GET /[locale]/learn/transcript/pdf – the signed-in learner's transcript as a PDF in that language
import { apiRoute } from "@/lib/api/respond";
import { transcriptResponse } from "@/lib/ledger/transcript-route";

export const GET = apiRoute(
  async (_req: Request, { params }: { params: Promise<{ locale: string }> }) =>
    transcriptResponse((await params).locale, "pdf"),
);
