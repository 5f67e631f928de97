import "server-only";
import { getLocale } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { isAppError } from "./errors";
import { getViewer, type Viewer } from "./auth/viewer";
import { canOnPlatform, type PlatformPermission } from "./auth/permissions";

/** Pages of signed-in people send others to sign in and back (the services check rights). */
export async function viewerOrSignIn(path: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (viewer) return viewer;
  const locale = await getLocale();
  redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}${path}`)}`);
}

/** A refused or missing thing renders as not found: the page does not confirm it exists. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isAppError(e) && (e.code === "FORBIDDEN" || e.code === "NOT_FOUND")) notFound();
    throw e;
  }
}

/** For office pages whose data functions check the same permission again. */
export function requirePlatformPage(viewer: Viewer, permission: PlatformPermission): void {
  if (!canOnPlatform(viewer, permission)) notFound();
}
