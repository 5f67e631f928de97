import "server-only";
import { cache } from "react";
import { connection } from "next/server";
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { auth } from "./config";
import { loadSessionViewer, type Viewer } from "./load-principal";

export type { Viewer, Membership } from "./load-principal";

/** The signed-in person for this request (a live session, read once per request), or null. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  await connection();
  const session = (await auth()) as {
    userId?: string;
    sessionVersion?: number;
    sessionId?: string;
  } | null;
  if (!session?.userId) return null;
  const { userId, sessionVersion, sessionId } = session;
  return loadSessionViewer(await getDb(), { userId, sessionVersion, sessionId });
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "sign_in_required", "Please sign in");
  return viewer;
}
