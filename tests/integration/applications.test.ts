import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { appErrorOf as caught } from "../support/api-fixtures";
import { applyForMembership, decideApplication } from "@/lib/institutions/applications";
import { canAtInstitution } from "@/lib/auth/permissions";
import {
  auditFor,
  countRows,
  createInstitution,
  createUser,
  mustViewer,
  uniqueSlug,
} from "../support/fixtures";

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
