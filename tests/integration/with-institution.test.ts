import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb, getDbKind, selectRows } from "@/db";
import { apiKeys, institutionMembers, institutions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createResource } from "@/lib/catalogue/create-resource";
import { updateResource } from "@/lib/catalogue/update-resource";
import { lockRows, LockOrderError } from "@/lib/db/lock-order";
import { withInstitution } from "@/lib/institutions/with-institution";
import { appErrorOf, institutionWithOwner, issueApiKey } from "../support/api-fixtures";
import { courseInput } from "../support/catalogue-fixtures";
import { addMember, createUser, mustViewer } from "../support/fixtures";

// Opening (and migrating) the database can take long on a busy machine: a hook, not a test.
beforeAll(async () => {
  await getDb();
});

async function institutionWithEditor() {
  const { institution, owner } = await institutionWithOwner();
  const user = await createUser();
  await addMember(institution.id, user.id, "editor");
  const editor: Actor = { type: "user", viewer: await mustViewer(user.id) };
  return {
    institution,
    owner: { type: "user", viewer: owner } as Actor,
    editor,
    editorId: user.id,
  };
}

const removeEditor = (institutionId: string, userId: string) =>
  and(
    eq(institutionMembers.institutionId, institutionId),
    eq(institutionMembers.userId, userId),
    eq(institutionMembers.role, "editor"),
  );

/** Until another transaction waits on a row lock (PostgreSQL); PGlite queues whole transactions. */
async function untilSomeoneWaitsOnALock() {
  if ((await getDbKind()) === "pglite") return new Promise((r) => setTimeout(r, 100));
  const db = await getDb();
  for (let i = 0; i < 200; i++) {
    const waiting = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (waiting[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("nobody waited on a lock");
}

describe("[INSTITUTIONS] withInstitution re-checks rights inside the transaction", () => {
  it("a write started while a role is being removed waits for it, then is refused", async () => {
    const { institution, owner, editor, editorId } = await institutionWithEditor();
    const db = await getDb();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let hasLock!: () => void;
    const removing = new Promise<void>((r) => (hasLock = r));
    const removal = db.transaction(async (tx) => {
      await withInstitution(tx, owner, institution.slug, "institution:manage_members", {
        lock: "update",
      });
      await tx.delete(institutionMembers).where(removeEditor(institution.id, editorId));
      hasLock();
      await gate;
    });
    await removing;
    // The editor's viewer was read before the removal and still lists the role.
    let settled = false;
    const write = createResource(editor, institution.slug, courseInput()).finally(() => {
      settled = true;
    });
    await untilSomeoneWaitsOnALock();
    expect(settled).toBe(false);
    release();
    await removal;
    expect(await appErrorOf(write)).toMatchObject({ code: "FORBIDDEN", reason: "forbidden" });
  });

  it("reads the actor's roles from the transaction, not from the request's viewer", async () => {
    const { institution, editor, editorId } = await institutionWithEditor();
    const db = await getDb();
    const rollBack = new Error("roll back");
    await expect(
      db.transaction(async (tx) => {
        await tx.delete(institutionMembers).where(removeEditor(institution.id, editorId));
        expect(
          await appErrorOf(withInstitution(tx, editor, institution.slug, "resources:edit")),
        ).toMatchObject({ code: "FORBIDDEN", reason: "forbidden" });
        throw rollBack;
      }),
    ).rejects.toBe(rollBack);
    // Rolled back: the editor may write again.
    const ok = await db.transaction((tx) =>
      withInstitution(tx, editor, institution.slug, "resources:edit"),
    );
    expect(ok).toMatchObject({ id: institution.id, slug: institution.slug, status: "member" });
  });

  it("a suspended institution is refused to its own staff and keys; strangers learn nothing", async () => {
    const { institution, editor } = await institutionWithEditor();
    const key = await issueApiKey(institution.slug, ["resources:write"]);
    const keyActor: Actor = {
      type: "api_key",
      keyId: key.id,
      institutionId: institution.id,
      scopes: ["resources:write"],
    };
    const created = await createResource(keyActor, institution.slug, courseInput());
    const db = await getDb();
    await db
      .update(institutions)
      .set({ status: "suspended" })
      .where(eq(institutions.id, institution.id));
    for (const actor of [editor, keyActor]) {
      expect(
        await appErrorOf(createResource(actor, institution.slug, courseInput())),
      ).toMatchObject({ code: "FORBIDDEN", reason: "institution_not_active" });
      expect(
        await appErrorOf(updateResource(actor, created.id, { titleEn: "Changed" })),
      ).toMatchObject({ code: "FORBIDDEN", reason: "institution_not_active" });
    }
    const stranger: Actor = { type: "user", viewer: await mustViewer((await createUser()).id) };
    expect(
      await appErrorOf(createResource(stranger, institution.slug, courseInput())),
    ).toMatchObject({ code: "FORBIDDEN", reason: "forbidden" });
  });

  it("a key revoked after the request authenticated is refused inside the write", async () => {
    const { institution } = await institutionWithOwner();
    const key = await issueApiKey(institution.slug, ["resources:write"]);
    const keyActor: Actor = {
      type: "api_key",
      keyId: key.id,
      institutionId: institution.id,
      scopes: ["resources:write"],
    };
    const db = await getDb();
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, key.id));
    expect(
      await appErrorOf(createResource(keyActor, institution.slug, courseInput())),
    ).toMatchObject({ code: "FORBIDDEN" });
  });

  it("a slug seen before is locked by its id, but only while the row still has that slug", async () => {
    const one = await institutionWithEditor();
    const two = await institutionWithEditor();
    // The one seen first has the higher id: locking it, then the lower, would break the order.
    const [low, high] = [one, two].sort((x, y) => (x.institution.id < y.institution.id ? -1 : 1));
    const db = await getDb();
    const slug = high!.institution.slug;
    const seen = await db.transaction((tx) =>
      withInstitution(tx, high!.owner, slug, "resources:edit"),
    );
    expect(seen.id).toBe(high!.institution.id);
    // The slug moves to the other institution (nothing in the product does this; the cache must
    // still never answer with the wrong row, nor leave a lock behind that breaks the order).
    await db
      .update(institutions)
      .set({ slug: `${slug}-old` })
      .where(eq(institutions.id, high!.institution.id));
    await db.update(institutions).set({ slug }).where(eq(institutions.id, low!.institution.id));
    const now = await db.transaction((tx) =>
      withInstitution(tx, low!.owner, slug, "resources:edit"),
    );
    expect(now).toMatchObject({ id: low!.institution.id, slug });
    // The first institution's owner has no rights at the other one.
    expect(
      await appErrorOf(
        db.transaction((tx) => withInstitution(tx, high!.owner, slug, "resources:edit")),
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
  });

  it("unknown or malformed slugs are not found; the lock is the first of the lock order", async () => {
    const { institution, owner } = await institutionWithEditor();
    const other = await institutionWithEditor();
    const db = await getDb();
    for (const slug of ["no-such-institution", "Not A Slug", ""]) {
      await db.transaction(async (tx) => {
        expect(await appErrorOf(withInstitution(tx, owner, slug, "resources:edit"))).toMatchObject({
          code: "NOT_FOUND",
        });
      });
    }
    await db.transaction(async (tx) => {
      await withInstitution(tx, owner, institution.slug, "resources:edit");
      // Later kinds may follow it; an institution may not follow them.
      await lockRows(tx, "order", institutions, [institution.id]);
      // The same check again is answered from the lock already held…
      expect(await withInstitution(tx, owner, institution.slug, "resources:edit")).toMatchObject({
        id: institution.id,
      });
      // …and another permission there re-locks a row already held, which waits for nobody…
      expect(
        await withInstitution(tx, owner, institution.slug, "institution:manage_members"),
      ).toMatchObject({ id: institution.id });
      // …but another institution would be locked after an order.
      await expect(
        withInstitution(tx, other.owner, other.institution.slug, "resources:edit"),
      ).rejects.toBeInstanceOf(LockOrderError);
    });
  });
});
