import { getDb } from "@/db";
import { endSession } from "./sessions";

/** What `authorize` hands Auth.js on a successful sign-in. */
export type SignedInUser = { id: string; sessionVersion: number; sessionId: string };

/** The claims our JWT carries: user id, session version and session id, nothing else. */
export type TokenClaims = { sub?: string; sv?: unknown; sid?: unknown };

type Jwt = TokenClaims & { iat?: number; exp?: number; jti?: string };

/**
 * The Auth.js `jwt` callback: on sign-in the token is built from the user; on every later use
 * only our claims and Auth.js's own timestamps are kept. Everything else about the person is
 * read from the database on every request (lib/auth/viewer.ts).
 */
export function tokenOf(token: Jwt, user?: Partial<SignedInUser>): Jwt {
  if (user) return { sub: user.id, sv: user.sessionVersion ?? 0, sid: user.sessionId };
  const { sub, sv, sid, iat, exp, jti } = token;
  return { sub, sv, sid, iat, exp, jti };
}

/** The Auth.js `session` callback: the claims `getViewer` checks against the database. */
export function sessionClaimsOf(token: TokenClaims) {
  return {
    userId: token.sub ?? "",
    sessionVersion: Number(token.sv ?? 0),
    sessionId: typeof token.sid === "string" ? token.sid : "",
  };
}

/** The Auth.js `signOut` event: end the session the signed-out token names (that one only). */
export async function endSessionOfToken(token: TokenClaims | null | undefined): Promise<void> {
  if (!token) return;
  await endSession(await getDb(), token.sid, token.sub);
}
