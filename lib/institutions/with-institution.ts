import { sql } from "drizzle-orm";
import { selectRows, type DbOrTx } from "@/db";
import type { institutionMembers } from "@/db/schema";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { actorCan, actorKey, type Actor } from "@/lib/auth/actor";
import { canAtInstitution, type InstitutionPermission } from "@/lib/auth/permissions";
import { lockRowsWith, type LockMode } from "@/lib/db/lock-order";
import { slugSchema } from "./schemas";

export type LockedInstitution = {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  status: "applicant" | "member" | "suspended";
};

/**
 * The preamble of every write at an institution, inside the write's transaction: load the
 * institution by slug, lock its row, then check — under the lock, from the database rather than
 * from the request's viewer — that it is an active member and that the actor holds `permission`.
 *
 * Ordinary writers take the row `FOR SHARE`, so many of them run side by side; whatever changes
 * who may write (suspension, role removal, membership and key changes) takes it `FOR UPDATE` and
 * so waits for the writers in progress, and they for it. A write that starts while a role is
 * being removed therefore sees the removal once it commits and is refused. The institution is
 * the first lock of the lock order (lib/db/lock-order.ts).
 */
export async function withInstitution(
  tx: DbOrTx,
  actor: Actor,
  slug: string,
  permission: InstitutionPermission,
  opts: { lock: LockMode } = { lock: "share" },
): Promise<LockedInstitution> {
  const known = remembered(tx, actor, `slug:${slug}`, permission, opts.lock);
  if (known) return known;
  // A slug from a URL or form: anything malformed is simply not found (and never reaches SQL).
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) throw notFound("Institution not found");
  // The id a slug named before goes straight to the lock, and the locked row's slug must still
  // be the one asked for; only a slug not seen yet is looked up first — a round trip fewer on
  // every write at an institution. (No code changes a slug or deletes an institution; were one
  // to, the mismatch falls back to the lookup.)
  const seen = idOfSlug.get(parsed.data);
  if (seen) {
    const inst = await lockWithRights(tx, actor, seen, permission, opts.lock, parsed.data);
    if (inst) {
      remember(tx, actor, `slug:${slug}`, permission, opts.lock, inst);
      return inst;
    }
    idOfSlug.delete(parsed.data);
  }
  // SQL text rather than the builder here and below: every write at an institution runs these.
  const [found] = await selectRows<{ id: string }>(
    tx,
    sql`select id from institutions where slug = ${parsed.data}`,
  );
  if (!found) throw notFound("Institution not found");
  const inst = await lockWithRights(tx, actor, found.id, permission, opts.lock, parsed.data);
  if (!inst) throw notFound("Institution not found");
  remember(tx, actor, `slug:${slug}`, permission, opts.lock, inst);
  return inst;
}

// Slugs seen, with their institution's id (bounded: a slug is checked before it gets here).
const idOfSlug = new Map<string, string>();
const MAX_SLUGS = 10_000;

/** `withInstitution` for a write that reaches the institution through one of its rows. */
export async function withInstitutionById(
  tx: DbOrTx,
  actor: Actor,
  institutionId: string,
  permission: InstitutionPermission,
  opts: { lock: LockMode } = { lock: "share" },
): Promise<LockedInstitution> {
  const known = remembered(tx, actor, `id:${institutionId}`, permission, opts.lock);
  if (known) return known;
  const inst = await lockWithRights(tx, actor, institutionId, permission, opts.lock, null);
  if (!inst) throw notFound("Institution not found");
  remember(tx, actor, `id:${institutionId}`, permission, opts.lock, inst);
  return inst;
}

/**
 * Lock the institution and check the actor's rights and its standing; null when there is no
 * such row (with `slug`: no such row with that slug — then nothing is locked). The rights are read by a statement sent
 * right behind the lock on the same connection: it runs once the lock is held, so it sees what
 * the previous holder committed, without a round trip of its own.
 */
async function lockWithRights(
  tx: DbOrTx,
  actor: Actor,
  institutionId: string,
  permission: InstitutionPermission,
  lock: LockMode,
  slug: string | null,
): Promise<LockedInstitution | null> {
  const locking = lockRowsWith(tx, "institution", [institutionId], lock, () =>
    selectRows<LockedInstitution>(
      tx,
      sql`select id, slug, name_zh as "nameZh", name_en as "nameEn", status
        from institutions where id = ${institutionId}::uuid
        ${slug === null ? sql`` : sql`and slug = ${slug}`}
        ${sql.raw(lock === "update" ? "for update" : "for share")}`,
    ),
  );
  const rights = holdsNow(tx, actor, permission, institutionId);
  rights.catch(() => {}); // awaited below unless the lock failed, whose error is the one to show
  const [inst] = await locking;
  if (!inst) {
    await rights;
    return null;
  }
  // Rights first: a stranger learns nothing about the institution's standing.
  if (!(await rights)) throw forbidden();
  if (inst.status !== "member") {
    throw new AppError(
      "FORBIDDEN",
      "institution_not_active",
      "The institution is suspended or not yet a member",
    );
  }
  if (slug !== null && idOfSlug.size < MAX_SLUGS) idOfSlug.set(slug, inst.id);
  return inst;
}

/*
 * Within one transaction the answer is remembered (a batch of rows for one institution checks
 * once): the lock it holds keeps everyone else from changing that answer until it commits. A
 * transaction that changes rights itself must not rely on a second check.
 */
const answers = new WeakMap<object, Map<string, LockedInstitution>>();

const answerKey = (actor: Actor, target: string, permission: string, lock: LockMode) =>
  `${actorKey(actor)}|${target}|${permission}|${lock}`;

function remembered(
  tx: DbOrTx,
  actor: Actor,
  target: string,
  permission: InstitutionPermission,
  lock: LockMode,
): LockedInstitution | undefined {
  const held = answers.get(tx);
  // A row held for update serves a shared request too; the reverse goes to lockRows (refused).
  const modes: LockMode[] = lock === "share" ? ["share", "update"] : ["update"];
  for (const m of modes) {
    const inst = held?.get(answerKey(actor, target, permission, m));
    if (inst) return inst;
  }
  return undefined;
}

function remember(
  tx: DbOrTx,
  actor: Actor,
  target: string,
  permission: InstitutionPermission,
  lock: LockMode,
  inst: LockedInstitution,
) {
  const held = answers.get(tx) ?? new Map<string, LockedInstitution>();
  held.set(answerKey(actor, target, permission, lock), inst);
  answers.set(tx, held);
}

/** The actor's right as the database says now, not as the request's viewer remembers it. */
async function holdsNow(
  tx: DbOrTx,
  actor: Actor,
  permission: InstitutionPermission,
  institutionId: string,
): Promise<boolean> {
  if (actor.type === "operator") return true;
  if (actor.type === "api_key") {
    // A key's scopes and institution never change; only its revocation is read afresh.
    if (!actorCan(actor, permission, institutionId)) return false;
    const [key] = await selectRows<{ id: string }>(
      tx,
      sql`select id from api_keys where id = ${actor.keyId}::uuid
        and institution_id = ${institutionId}::uuid and revoked_at is null`,
    );
    return !!key;
  }
  const rows = await selectRows<{ role: (typeof institutionMembers.$inferSelect)["role"] }>(
    tx,
    sql`select m.role from institution_members m join users u on u.id = m.user_id
      where m.institution_id = ${institutionId}::uuid and m.user_id = ${actor.viewer.userId}::uuid
        and u.is_disabled = false and u.email_verified_at is not null`,
  );
  return canAtInstitution(
    {
      emailVerified: true,
      isDisabled: false,
      platformRoles: [],
      memberships: [{ institutionId, roles: rows.map((r) => r.role) }],
    },
    permission,
    institutionId,
  );
}
