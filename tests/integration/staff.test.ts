import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { appErrorOf as caught } from "../support/api-fixtures";
import {
  acceptInvitation,
  findOpenInvitation,
  inviteStaff,
  removeMemberRole,
} from "@/lib/institutions/staff";
import { canAtInstitution } from "@/lib/auth/permissions";
import {
  addMember,
  auditFor,
  createInstitution,
  createUser,
  mustViewer,
  tokenFromMail,
  uniqueEmail,
  viewerFor,
} from "../support/fixtures";

const INVITE_LINK = /\/invitations\/([\w-]+)/;

describe("[INSTITUTIONS] staff invitations and roles", () => {
  async function institutionWithOwner() {
    const inst = await createInstitution();
    const owner = await createUser();
    await addMember(inst.id, owner.id, "owner");
    return { inst, owner: await mustViewer(owner.id) };
  }

  it("an invitation is bound to its address, single-use, and grants the role", async () => {
    const { inst, owner } = await institutionWithOwner();
    const invitee = await createUser({ locale: "zh-CN" });
    await inviteStaff(
      owner,
      { institutionSlug: inst.slug, email: invitee.email.toUpperCase(), role: "editor" },
      "en",
    );
    const token = await tokenFromMail(invitee.email, INVITE_LINK);
    expect(await findOpenInvitation(token)).toMatchObject({ email: invitee.email, role: "editor" });

    const stranger = await mustViewer((await createUser()).id);
    expect((await caught(acceptInvitation(stranger, token))).reason).toBe("invalid_invitation");
    const unverifiedSameAddress = await createUser({ email: uniqueEmail(), verified: false });
    expect(
      (await caught(acceptInvitation(await mustViewer(unverifiedSameAddress.id), token))).code,
    ).toBe("FORBIDDEN");

    const viewer = await mustViewer(invitee.id);
    await acceptInvitation(viewer, token);
    const after = await mustViewer(invitee.id);
    expect(canAtInstitution(after, "resources:edit", inst.id)).toBe(true);
    expect(canAtInstitution(after, "institution:manage_members", inst.id)).toBe(false);
    expect((await caught(acceptInvitation(after, token))).reason).toBe("invalid_invitation");
    expect(await findOpenInvitation(token)).toBeNull();
  });

  it("an expired invitation cannot be accepted", async () => {
    const { inst, owner } = await institutionWithOwner();
    const invitee = await createUser();
    await inviteStaff(
      owner,
      { institutionSlug: inst.slug, email: invitee.email, role: "finance" },
      "en",
    );
    const token = await tokenFromMail(invitee.email, INVITE_LINK);
    const db = await getDb();
    await db
      .update(s.institutionInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(s.institutionInvitations.email, invitee.email));
    expect((await caught(acceptInvitation(await mustViewer(invitee.id), token))).reason).toBe(
      "invalid_invitation",
    );
  });

  it("an unknown role or a malformed address is refused by name, and nothing is stored", async () => {
    const { inst, owner } = await institutionWithOwner();
    const db = await getDb();
    for (const [input, field] of [
      [{ institutionSlug: inst.slug, email: uniqueEmail(), role: "superuser" }, "role"],
      [{ institutionSlug: inst.slug, email: "nope@", role: "editor" }, "email"],
      [{ institutionSlug: inst.slug, role: "editor" }, "email"],
    ] as const) {
      const err = await caught(inviteStaff(owner, input, "en"));
      expect(err.fields?.[field]).toBeDefined();
    }
    const rows = await db
      .select()
      .from(s.institutionInvitations)
      .where(eq(s.institutionInvitations.institutionId, inst.id));
    expect(rows).toHaveLength(0);
  });

  it("staff of one institution cannot act for another, and non-owners cannot manage staff", async () => {
    const a = await institutionWithOwner();
    const b = await institutionWithOwner();
    const err = await caught(
      inviteStaff(
        a.owner,
        { institutionSlug: b.inst.slug, email: uniqueEmail(), role: "editor" },
        "en",
      ),
    );
    expect(err.code).toBe("FORBIDDEN");
    const editor = await createUser();
    await addMember(a.inst.id, editor.id, "editor");
    const editorViewer = await mustViewer(editor.id);
    expect(
      (
        await caught(
          inviteStaff(
            editorViewer,
            { institutionSlug: a.inst.slug, email: uniqueEmail(), role: "owner" },
            "en",
          ),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await caught(
          removeMemberRole(editorViewer, {
            institutionSlug: a.inst.slug,
            userId: a.owner.userId,
            role: "owner",
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await caught(
          removeMemberRole(a.owner, {
            institutionSlug: b.inst.slug,
            userId: b.owner.userId,
            role: "owner",
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });

  it("removing a role ends the member's current session and is audited; the last owner stays", async () => {
    const { inst, owner } = await institutionWithOwner();
    const staff = await createUser();
    await addMember(inst.id, staff.id, "registrar");
    const before = await mustViewer(staff.id);
    await removeMemberRole(owner, {
      institutionSlug: inst.slug,
      userId: staff.id,
      role: "registrar",
    });
    expect(await viewerFor(staff.id, before.sessionVersion)).toBeNull();
    const fresh = await mustViewer(staff.id);
    expect(canAtInstitution(fresh, "completions:record", inst.id)).toBe(false);
    const audit = await auditFor(staff.id);
    expect(audit).toEqual([
      expect.objectContaining({
        action: "member.remove_role",
        actorId: owner.userId,
        institutionId: inst.id,
      }),
    ]);

    const last = await caught(
      removeMemberRole(owner, { institutionSlug: inst.slug, userId: owner.userId, role: "owner" }),
    );
    expect(last.reason).toBe("last_owner");
    const db = await getDb();
    const owners = await db
      .select()
      .from(s.institutionMembers)
      .where(
        and(
          eq(s.institutionMembers.institutionId, inst.id),
          eq(s.institutionMembers.role, "owner"),
        ),
      );
    expect(owners).toHaveLength(1);
  });

  it("a suspended institution's staff hold no rights there", async () => {
    const inst = await createInstitution("suspended");
    const owner = await createUser();
    await addMember(inst.id, owner.id, "owner");
    const v = await mustViewer(owner.id);
    expect(canAtInstitution(v, "institution:view_staff_area", inst.id)).toBe(false);
    expect(
      (
        await caught(
          inviteStaff(
            v,
            { institutionSlug: inst.slug, email: uniqueEmail(), role: "editor" },
            "en",
          ),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });
});
