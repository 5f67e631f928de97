import "server-only";
import type { Viewer } from "@/lib/auth/load-principal";
import { getViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { authenticateApiRequest } from "./authenticate-request";
import { checkRateLimit } from "./rate-limit";

/**
 * The first step of a Partner API route that serves a learner's own data (PRODUCT.md §10: "by
 * session for the learner's own data"). An institution's API key speaks for the institution,
 * never for a learner: a bad key is still a 401 (and counts as a guess), a good one a 403. Without
 * a key, the signed-in person's session, or 401. Rate limited per person like keys are per key.
 */
export async function authenticateLearnerRequest(req: Request): Promise<Viewer> {
  if (req.headers.has("authorization")) {
    await authenticateApiRequest(req);
    throw new AppError(
      "FORBIDDEN",
      "session_required",
      "This endpoint serves a learner's own data: call it with the learner's session, not an API key",
    );
  }
  const viewer = await getViewer();
  if (!viewer) {
    throw new AppError(
      "UNAUTHENTICATED",
      "sign_in_required",
      "Sign in first: this endpoint takes the learner's session",
    );
  }
  await checkRateLimit(`user:${viewer.userId}`);
  return viewer;
}
