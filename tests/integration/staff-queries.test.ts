import { describe, expect, it } from "vitest";
import { isAppError, type AppError } from "@/lib/errors";
import { createResource } from "@/lib/catalogue/create-resource";
import { updateResource } from "@/lib/catalogue/update-resource";
import { submitForReview } from "@/lib/catalogue/lifecycle";
import { reviewResource } from "@/lib/catalogue/review-resource";
import {
  getResourceForEdit,
  getResourceFormOptions,
  listInstitutionResources,
} from "@/lib/catalogue/staff-queries";
import { listReviewQueue } from "@/lib/catalogue/review-queue";
import { addMember, createUser, mustViewer } from "../support/fixtures";
import { courseInput, editorAndAdmin, publishedResource } from "../support/catalogue-fixtures";

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

describe("[CATALOGUE] staff and review queries", () => {
  it("list an institution's resources with live and pending versions and review reasons", async () => {
    const { inst, actor, admin, editor } = await editorAndAdmin();
    const draft = await createResource(actor, inst.slug, courseInput({ titleEn: "Draft one" }));
    const live = await publishedResource(actor, admin, inst.slug, { titleEn: "Live one" });
    await updateResource(actor, live.id, { creditsX100: 400 });
    const sent = await createResource(actor, inst.slug, courseInput({ titleEn: "Sent back" }));
    await submitForReview(actor, sent.id);
    await reviewResource(admin, {
      resourceId: sent.id,
      decision: "request_changes",
      reason: "Name the assessment",
    });
    const refused = await createResource(actor, inst.slug, courseInput({ titleEn: "Refused" }));
    await submitForReview(actor, refused.id);
    await reviewResource(admin, {
      resourceId: refused.id,
      decision: "reject",
      reason: "Off topic",
    });

    const { institution, resources } = await listInstitutionResources(editor, inst.slug);
    expect(institution.slug).toBe(inst.slug);
    const byId = new Map(resources.map((r) => [r.id, r]));
    expect(resources).toHaveLength(4);
    expect(byId.get(draft.id)).toMatchObject({
      slug: draft.slug,
      kind: "course",
      status: "draft",
      titleEn: "Draft one",
      live: null,
      pending: { version: 1, state: "draft", reviewReason: null },
      rejected: null,
    });
    expect(byId.get(live.id)).toMatchObject({
      status: "published",
      live: { version: 1, titleEn: "Live one" },
      pending: { version: 2, state: "draft" },
    });
    expect(byId.get(sent.id)?.pending).toEqual({
      version: 1,
      state: "changes_requested",
      reviewReason: "Name the assessment",
    });
    expect(byId.get(refused.id)).toMatchObject({
      status: "draft",
      pending: null,
      titleEn: "Refused",
      rejected: { version: 1, reviewReason: "Off topic" },
    });
    expect(byId.get(draft.id)?.updatedAt).toBeInstanceOf(Date);
  });

  it("the resource list and the edit view are for the institution's editors only", async () => {
    const a = await editorAndAdmin();
    const b = await editorAndAdmin();
    const r = await createResource(a.actor, a.inst.slug, courseInput());
    expect((await caught(listInstitutionResources(b.editor, a.inst.slug))).code).toBe("FORBIDDEN");
    expect((await caught(listInstitutionResources(a.admin, a.inst.slug))).code).toBe("FORBIDDEN");
    expect((await caught(listInstitutionResources(a.editor, "no-such-inst"))).code).toBe(
      "NOT_FOUND",
    );
    expect((await caught(getResourceForEdit(b.editor, r.id))).code).toBe("FORBIDDEN");
    expect(
      (await caught(getResourceForEdit(a.editor, "00000000-0000-4000-8000-000000000000"))).code,
    ).toBe("NOT_FOUND");
    const registrar = await createUser();
    await addMember(a.inst.id, registrar.id, "registrar");
    const reg = await mustViewer(registrar.id);
    expect((await caught(listInstitutionResources(reg, a.inst.slug))).code).toBe("FORBIDDEN");
    expect((await caught(getResourceForEdit(reg, r.id))).code).toBe("FORBIDDEN");
    const owner = await createUser();
    await addMember(a.inst.id, owner.id, "owner");
    const ownerView = await getResourceForEdit(await mustViewer(owner.id), r.id);
    expect(ownerView.id).toBe(r.id);
  });

  it("the edit view's working copy: the draft, else the live version while one is in review", async () => {
    const { inst, actor, admin, editor } = await editorAndAdmin();
    const r = await publishedResource(actor, admin, inst.slug);
    let view = await getResourceForEdit(editor, r.id);
    expect(view).toMatchObject({
      institution: { slug: inst.slug },
      workingCopy: {
        version: 1,
        state: "published",
        creditsX100: 300,
        titleEn: "Management Accounting",
      },
      live: { version: 1 },
      pending: null,
      inReview: false,
      canEdit: true,
      canSubmit: false,
      coverImageKey: null,
      offers: {
        learner: { amountMinor: 19900, currency: "CNY" },
        seat: { amountMinor: 15000, minQuantity: 10 },
        siteLicence: null,
      },
    });
    expect(view.workingCopy.outcomes).toEqual([{ zh: "编制预算", en: "Prepare a budget" }]);

    await updateResource(actor, r.id, { level: 7 });
    view = await getResourceForEdit(editor, r.id);
    expect(view).toMatchObject({
      workingCopy: { version: 2, state: "draft", level: 7 },
      pending: { version: 2, state: "draft" },
      canSubmit: true,
    });

    await submitForReview(actor, r.id);
    view = await getResourceForEdit(editor, r.id);
    expect(view).toMatchObject({
      workingCopy: { version: 1, state: "published", level: 6 },
      pending: { version: 2, state: "in_review" },
      inReview: true,
      canEdit: false,
      canSubmit: false,
    });
    expect(view.pending?.submittedAt).toBeInstanceOf(Date);
  });

  it("the review queue is the admin's, oldest first, naming material changes against live", async () => {
    const { inst, actor, admin, editor } = await editorAndAdmin();
    const first = await createResource(actor, inst.slug, courseInput({ titleEn: "New course" }));
    await submitForReview(actor, first.id);
    const live = await publishedResource(actor, admin, inst.slug, { titleEn: "Changed course" });
    await updateResource(actor, live.id, {
      creditsX100: 450,
      outcomes: [{ zh: "编制预算", en: "Prepare and defend a budget" }],
      titleEn: "Changed course II",
    });
    await submitForReview(actor, live.id);
    const notSent = await createResource(actor, inst.slug, courseInput());

    expect((await caught(listReviewQueue(editor))).code).toBe("FORBIDDEN");
    const queue = (await listReviewQueue(admin)).filter((q) => q.institution.slug === inst.slug);
    expect(queue.map((q) => q.resourceId)).toEqual([first.id, live.id]);
    expect(queue.some((q) => q.resourceId === notSent.id)).toBe(false);
    const [a, b] = queue;
    expect(a).toMatchObject({
      kind: "course",
      institution: { slug: inst.slug, nameEn: inst.nameEn },
      version: { version: 1, state: "in_review", titleEn: "New course", creditsX100: 300 },
      field: { nameEn: "Business and administration" },
      live: null,
      materialChanges: null,
      offers: { learner: { amountMinor: 19900 } },
    });
    expect(a?.levelLabel?.en).toBeTruthy();
    expect(a?.submittedAt).toBeInstanceOf(Date);
    expect(b).toMatchObject({
      version: { version: 2, creditsX100: 450, titleEn: "Changed course II" },
      live: { version: 1, creditsX100: 300 },
    });
    expect(b?.materialChanges?.sort()).toEqual(["creditsX100", "outcomes"]);

    await reviewResource(admin, { resourceId: live.id, decision: "approve" });
    const after = (await listReviewQueue(admin)).filter((q) => q.institution.slug === inst.slug);
    expect(after.map((q) => q.resourceId)).toEqual([first.id]);
  });

  it("form options group narrow fields under broad ones and list the ten levels", async () => {
    const { fieldGroups, levels } = await getResourceFormOptions();
    expect(levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const business = fieldGroups.find((g) => g.code === "04");
    expect(business?.fields.map((f) => f.code)).toContain("041");
    expect(fieldGroups.every((g) => g.fields.every((f) => f.code.startsWith(g.code)))).toBe(true);
  });
});
