import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { isAppError, type AppError } from "@/lib/errors";
import { applyForMembership, decideApplication } from "@/lib/institutions/applications";
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
  countRows,
  createInstitution,
  createUser,
  mustViewer,
  tokenFromMail,
  uniqueEmail,
  uniqueSlug,
  viewerFor,
} from "../support/fixtures";

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

const INVITE_LINK = /\/invitations\/([\w-]+)/;
const application = (slug = uniqueSlug("apply")) => ({
  slug,
  nameZh: "测试职业学院",
  nameEn: "Test Vocational College",
  kind: "vocational_school",
  website: "https://college.example.cn",
  message: "Please admit us.",
});

describe("[INSTITUTIONS] membership applications", () => {
  it("an approved application makes the applicant its owner, audited and mailed", async () => {
    const applicant = await mustViewer((await createUser()).id);
    const admin = await mustViewer((await createUser({ platformRole: "admin" })).id);
    const data = application();
    const { applicationId } = await applyForMembership(applicant, data);
    const db = await getDb();
    const [inst] = await db.select().from(s.institutions).where(eq(s.institutions.slug, data.slug));
    expect(inst?.status).toBe("applicant");

    await decideApplication(admin, { applicationId, decision: "approve" });
    const after = await mustViewer(applicant.userId);
    expect(after.memberships).toEqual([
      expect.objectContaining({ slug: data.slug, roles: ["owner"], status: "member" }),
    ]);
    expect(canAtInstitution(after, "institution:manage_members", inst!.id)).toBe(true);
    const audit = await auditFor(applicationId);
    expect(audit.map((a) => a.action).sort()).toEqual(["institution.apply", "institution.approve"]);
    expect(
      (
        await caught(
          decideApplication(admin, { applicationId, decision: "reject", reason: "late" }),
        )
      ).reason,
    ).toBe("already_decided");
  });

  it("a rejection needs a reason, which the applicant is told", async () => {
    const applicant = await mustViewer((await createUser()).id);
    const admin = await mustViewer((await createUser({ platformRole: "admin" })).id);
    const { applicationId } = await applyForMembership(applicant, application());
    const noReason = await caught(
      decideApplication(admin, { applicationId, decision: "reject", reason: "" }),
    );
    expect(noReason.fields?.reason?.code).toBe("required");
    await decideApplication(admin, {
      applicationId,
      decision: "reject",
      reason: "Not an educational institution",
    });
    const db = await getDb();
    const [app] = await db
      .select()
      .from(s.institutionApplications)
      .where(eq(s.institutionApplications.id, applicationId));
    expect(app).toMatchObject({
      status: "rejected",
      decisionReason: "Not an educational institution",
    });
    const mails = await db
      .select()
      .from(s.mailMessages)
      .where(eq(s.mailMessages.to, applicant.email));
    expect(mails[0]?.text).toContain("Not an educational institution");
    expect((await mustViewer(applicant.userId)).memberships).toEqual([]);
  });

  it("only the alliance admin decides; unverified people cannot apply; a taken slug is named", async () => {
    const applicant = await mustViewer((await createUser()).id);
    const { applicationId } = await applyForMembership(applicant, application());
    const finance = await mustViewer((await createUser({ platformRole: "finance" })).id);
    expect(
      (await caught(decideApplication(finance, { applicationId, decision: "approve" }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await caught(decideApplication(applicant, { applicationId, decision: "approve" }))).code,
    ).toBe("FORBIDDEN");
    const unverified = await mustViewer((await createUser({ verified: false })).id);
    expect((await caught(applyForMembership(unverified, application()))).reason).toBe(
      "email_not_verified",
    );
    const taken = await createInstitution();
    const before = await countRows(s.institutions);
    const err = await caught(applyForMembership(applicant, application(taken.slug)));
    expect(err.fields?.slug?.code).toBe("taken");
    expect(await countRows(s.institutions)).toBe(before);
  });

  it.each([
    [{ slug: "Bad Slug!" }, "slug"],
    [{ kind: "bank" }, "kind"],
    [{ nameZh: "" }, "nameZh"],
    [{ nameEn: "x".repeat(201) }, "nameEn"],
    [{ website: "javascript:alert(1)" }, "website"],
    [{ message: "m".repeat(4001) }, "message"],
  ])("bad application %# names the field and creates nothing", async (patch, field) => {
    const applicant = await mustViewer((await createUser()).id);
    const before = await countRows(s.institutions);
    const err = await caught(applyForMembership(applicant, { ...application(), ...patch }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(Object.keys(err.fields ?? {})).toContain(field);
    expect(await countRows(s.institutions)).toBe(before);
  });
});

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
