import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { apiKeys, institutions } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { addSeconds, now } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { Actor, ApiScope } from "@/lib/auth/actor";
import type { Viewer } from "@/lib/auth/load-principal";
import { getInstitutionForStaff } from "@/lib/institutions/staff";
import { withInstitution } from "@/lib/institutions/with-institution";
import { bearerToken, generateApiKey, hashApiKey, isWellFormedApiKey } from "./key-format";
import { createApiKeySchema, revokeApiKeySchema, type CreateApiKeyInput } from "./schemas";

export type ApiKeyActor = Actor & { type: "api_key" };

/** What lists show of a key: never its hash. */
export type ApiKeyDto = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export type CreatedApiKey = ApiKeyDto & { key: string };

// Writing last_used_at on every request would turn each read into a write.
const LAST_USED_RESOLUTION_SECONDS = 60;

const keyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

async function insertKey(
  tx: DbOrTx,
  institutionId: string,
  data: CreateApiKeyInput,
  actorId: string | null,
): Promise<CreatedApiKey> {
  const { key, prefix, keyHash } = generateApiKey();
  const [row] = await tx
    .insert(apiKeys)
    .values({
      institutionId,
      name: data.name,
      prefix,
      keyHash,
      scopes: data.scopes,
      createdBy: actorId,
      createdAt: now(),
    })
    .returning(keyColumns);
  await writeAudit(tx, {
    actorId,
    action: "api_key.create",
    targetType: "api_key",
    targetId: row!.id,
    institutionId,
    after: { name: data.name, prefix, scopes: data.scopes, by: actorId ? "owner" : "operator" },
  });
  return { ...row!, scopes: row!.scopes as ApiScope[], key };
}

/** An owner creates a key for their institution; the plaintext is in the answer and nowhere else. */
export async function createApiKey(viewer: Viewer, input: unknown): Promise<CreatedApiKey> {
  const data = parseInput(createApiKeySchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const inst = await withInstitution(
      tx,
      { type: "user", viewer },
      data.institutionSlug,
      "institution:manage_api_keys",
    );
    return insertKey(tx, inst.id, data, viewer.userId);
  });
}

/** For the operator's CLI (no signed-in person): audited with no actor. Member institutions only. */
export async function createApiKeyAsOperator(input: unknown): Promise<CreatedApiKey> {
  const data = parseInput(createApiKeySchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [inst] = await tx
      .select({ id: institutions.id, status: institutions.status })
      .from(institutions)
      .where(eq(institutions.slug, data.institutionSlug));
    if (!inst) throw notFound(`No institution with the slug ${data.institutionSlug}`);
    if (inst.status !== "member") {
      throw new AppError(
        "CONFLICT",
        "institution_not_member",
        `The institution is ${inst.status}, not a member: it cannot have API keys`,
      );
    }
    return insertKey(tx, inst.id, data, null);
  });
}

/** Revoking is immediate and final; revoking a revoked key changes nothing. */
export async function revokeApiKey(viewer: Viewer, input: unknown): Promise<void> {
  const data = parseInput(revokeApiKeySchema, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    // FOR UPDATE: writes under the key in progress finish first; later ones see it revoked.
    const inst = await withInstitution(
      tx,
      { type: "user", viewer },
      data.institutionSlug,
      "institution:manage_api_keys",
      { lock: "update" },
    );
    const ofThisInstitution = and(eq(apiKeys.id, data.keyId), eq(apiKeys.institutionId, inst.id));
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: now() })
      .where(and(ofThisInstitution, isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
    if (!revoked) {
      const [exists] = await tx.select({ id: apiKeys.id }).from(apiKeys).where(ofThisInstitution);
      if (!exists) throw notFound("No such API key at this institution");
      return;
    }
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "api_key.revoke",
      targetType: "api_key",
      targetId: revoked.id,
      institutionId: inst.id,
      before: { name: revoked.name, prefix: revoked.prefix },
    });
  });
}

export async function listApiKeys(viewer: Viewer, institutionSlug: string) {
  const db = await getDb();
  const inst = await getInstitutionForStaff(
    db,
    viewer,
    institutionSlug,
    "institution:manage_api_keys",
  );
  const rows = await db
    .select(keyColumns)
    .from(apiKeys)
    .where(eq(apiKeys.institutionId, inst.id))
    .orderBy(desc(apiKeys.createdAt))
    .limit(200);
  const keys: ApiKeyDto[] = rows.map((r) => ({ ...r, scopes: r.scopes as ApiScope[] }));
  return { institution: inst, keys };
}

const invalidKey = () =>
  new AppError("UNAUTHENTICATED", "invalid_api_key", "The API key is invalid or revoked");

/**
 * The API key actor of an `Authorization` header. Unknown and revoked keys are told apart from
 * nothing; a suspended institution's keys are recognised but refused, as its staff are.
 */
export async function authenticateApiKey(
  authorization: string | null | undefined,
): Promise<ApiKeyActor> {
  if (!authorization?.trim()) {
    throw new AppError(
      "UNAUTHENTICATED",
      "api_key_required",
      "Send an institution API key as: Authorization: Bearer <key>",
    );
  }
  const token = bearerToken(authorization);
  if (!token || !isWellFormedApiKey(token)) throw invalidKey();
  const db = await getDb();
  const [key] = await db
    .select({
      id: apiKeys.id,
      institutionId: apiKeys.institutionId,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
      institutionStatus: institutions.status,
    })
    .from(apiKeys)
    .innerJoin(institutions, eq(institutions.id, apiKeys.institutionId))
    .where(and(eq(apiKeys.keyHash, hashApiKey(token)), isNull(apiKeys.revokedAt)));
  if (!key) throw invalidKey();
  if (key.institutionStatus !== "member") {
    throw new AppError(
      "FORBIDDEN",
      "institution_not_active",
      "The institution of this API key is not an active member",
    );
  }
  await touchLastUsed(db, key.id, key.lastUsedAt);
  return {
    type: "api_key",
    keyId: key.id,
    institutionId: key.institutionId,
    scopes: key.scopes as ApiScope[],
  };
}

async function touchLastUsed(db: DbOrTx, keyId: string, lastUsedAt: Date | null): Promise<void> {
  const at = now();
  const staleBefore = addSeconds(at, -LAST_USED_RESOLUTION_SECONDS);
  if (lastUsedAt && lastUsedAt > staleBefore) return;
  // The condition again, so concurrent requests on several instances write it once.
  await db
    .update(apiKeys)
    .set({ lastUsedAt: at })
    .where(
      and(
        eq(apiKeys.id, keyId),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore)),
      ),
    );
}

export function assertScope(actor: ApiKeyActor, scope: ApiScope): void {
  if (!actor.scopes.includes(scope)) {
    throw new AppError("FORBIDDEN", "missing_scope", `This API key lacks the scope ${scope}`);
  }
}
