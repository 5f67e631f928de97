// GET /[locale]/learn/transcript/json – the signed-in learner's transcript as JSON (docs/TRANSCRIPT.md)
import { apiRoute } from "@/lib/api/respond";
import { transcriptResponse } from "@/lib/ledger/transcript-route";

export const GET = apiRoute(
  async (_req: Request, { params }: { params: Promise<{ locale: string }> }) =>
    transcriptResponse((await params).locale, "json"),
);
