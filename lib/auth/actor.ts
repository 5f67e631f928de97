import { forbidden } from "@/lib/errors";
import type { Viewer } from "./load-principal";
import { canAtInstitution, type InstitutionPermission } from "./permissions";

export type ApiScope = "catalogue:read" | "resources:write" | "completions:write";

/**
 * Who performs a write: a signed-in person, an institution's API key (partner system), or an
 * operator at the command line (seed, bulk import) — the last exists only in scripts.
 */
export type Actor =
  | { type: "user"; viewer: Viewer }
  | { type: "api_key"; keyId: string; institutionId: string; scopes: readonly ApiScope[] }
  | { type: "operator"; name: string };

const scopeFor: Partial<Record<InstitutionPermission, ApiScope>> = {
  "resources:edit": "resources:write",
  "completions:record": "completions:write",
};

/** One string per actor: a key for what is remembered or grouped per actor. */
export const actorKey = (a: Actor) =>
  a.type === "user"
    ? `user:${a.viewer.userId}`
    : a.type === "api_key"
      ? `api_key:${a.keyId}`
      : `operator:${a.name}`;

/** The actor's user id for audit rows (null for API keys, whose id goes in the entry). */
export function actorUserId(actor: Actor): string | null {
  return actor.type === "user" ? actor.viewer.userId : null;
}

export function actorCan(
  actor: Actor,
  permission: InstitutionPermission,
  institutionId: string,
): boolean {
  if (actor.type === "operator") return true;
  if (actor.type === "user") return canAtInstitution(actor.viewer, permission, institutionId);
  const scope = scopeFor[permission];
  return !!scope && actor.institutionId === institutionId && actor.scopes.includes(scope);
}

export function assertActorCan(
  actor: Actor,
  permission: InstitutionPermission,
  institutionId: string,
): void {
  if (!actorCan(actor, permission, institutionId)) throw forbidden();
}
