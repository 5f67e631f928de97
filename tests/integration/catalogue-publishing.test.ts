import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { isAppError, type AppError } from "@/lib/errors";
import { createResource } from "@/lib/catalogue/create-resource";
import { updateResource } from "@/lib/catalogue/update-resource";
import { archiveResource, submitForReview, withdrawFromReview } from "@/lib/catalogue/lifecycle";
import { reviewResource } from "@/lib/catalogue/review-resource";
import { searchCatalogue } from "@/lib/search";
import type { Actor } from "@/lib/auth/actor";
import { auditFor, countRows, createInstitution } from "../support/fixtures";
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

const ids = async (q: Record<string, unknown>) => (await searchCatalogue(q)).hits.map((h) => h.id);

describe("[CATALOGUE] publishing and review", () => {
  it("a draft is not searchable; approval makes its version live and findable", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const created = await createResource(
      actor,
      inst.slug,
      courseInput({ titleEn: `Ledger Studies ${inst.slug}` }),
    );
    expect(created.slug.startsWith(`${inst.slug}-`)).toBe(true);
    expect(await ids({ q: inst.slug })).not.toContain(created.id);
    await submitForReview(actor, created.id);
    expect(await ids({ institution: inst.slug })).toEqual([]);
    await reviewResource(admin, { resourceId: created.id, decision: "approve" });
    expect(await ids({ institution: inst.slug })).toEqual([created.id]);
    const actions = (await auditFor(created.id)).map((a) => a.action).sort();
    expect(actions).toEqual(["resource.create", "resource.review.approve", "resource.submit"]);
  });

  it("a material change waits for review while the live version stays; other changes go live at once", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const r = await publishedResource(actor, admin, inst.slug);
    const db = await getDb();
    const liveBefore = (await db.select().from(s.resources).where(eq(s.resources.id, r.id)))[0]!
      .liveVersionId;

    const material = await updateResource(actor, r.id, { creditsX100: 400 });
    expect(material).toMatchObject({ state: "draft", needsReview: true });
    let [hit] = (await searchCatalogue({ institution: inst.slug })).hits;
    expect(hit?.creditsX100).toBe(300);

    const cosmetic = await updateResource(actor, r.id, {
      summaryEn: "Budgets, costs and performance.",
    });
    expect(cosmetic.state).toBe("draft"); // goes into the pending working copy
    await submitForReview(actor, r.id);
    expect((await caught(updateResource(actor, r.id, { level: 7 }))).reason).toBe("in_review");
    await reviewResource(admin, { resourceId: r.id, decision: "approve" });
    [hit] = (await searchCatalogue({ institution: inst.slug })).hits;
    expect(hit).toMatchObject({ creditsX100: 400, summaryEn: "Budgets, costs and performance." });

    const [old] = await db
      .select()
      .from(s.resourceVersions)
      .where(eq(s.resourceVersions.id, liveBefore!));
    expect(old?.state).toBe("superseded");
    expect(old?.creditsX100).toBe(300); // the old version itself never changed

    const direct = await updateResource(actor, r.id, { titleEn: "Management Accounting II" });
    expect(direct).toMatchObject({ state: "published", needsReview: false });
    [hit] = (await searchCatalogue({ institution: inst.slug })).hits;
    expect(hit?.titleEn).toBe("Management Accounting II");
  });

  it("request changes and reject need a reason, and the institution sees it", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const r = await createResource(actor, inst.slug, courseInput());
    await submitForReview(actor, r.id);
    const noReason = await caught(
      reviewResource(admin, { resourceId: r.id, decision: "reject", reason: "" }),
    );
    expect(noReason.fields?.reason?.code).toBe("required");
    await reviewResource(admin, {
      resourceId: r.id,
      decision: "request_changes",
      reason: "Outcomes are vague",
    });
    const db = await getDb();
    const [v] = await db
      .select()
      .from(s.resourceVersions)
      .where(eq(s.resourceVersions.resourceId, r.id));
    expect(v).toMatchObject({ state: "changes_requested", reviewReason: "Outcomes are vague" });
    await updateResource(actor, r.id, {
      outcomes: [{ zh: "能编制年度预算", en: "Can prepare an annual budget" }],
    });
    await submitForReview(actor, r.id);
    await withdrawFromReview(actor, r.id);
    await submitForReview(actor, r.id);
    await reviewResource(admin, {
      resourceId: r.id,
      decision: "reject",
      reason: "Not at degree level",
    });
    expect((await caught(submitForReview(actor, r.id))).reason).toBe("nothing_to_submit");
    expect(await ids({ institution: inst.slug })).toEqual([]);
  });

  it("only the admin reviews; an editor of one institution cannot touch another's resource", async () => {
    const a = await editorAndAdmin();
    const b = await editorAndAdmin();
    const r = await createResource(a.actor, a.inst.slug, courseInput());
    expect((await caught(createResource(b.actor, a.inst.slug, courseInput()))).code).toBe(
      "FORBIDDEN",
    );
    expect((await caught(updateResource(b.actor, r.id, { titleEn: "Hijacked" }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await caught(submitForReview(b.actor, r.id))).code).toBe("FORBIDDEN");
    expect((await caught(archiveResource(b.actor, r.id))).code).toBe("FORBIDDEN");
    expect(
      (await caught(reviewResource(a.editor, { resourceId: r.id, decision: "approve" }))).code,
    ).toBe("FORBIDDEN");
    const keyOfB: Actor = {
      type: "api_key",
      keyId: "k",
      institutionId: b.inst.id,
      scopes: ["resources:write"],
    };
    expect((await caught(updateResource(keyOfB, r.id, { titleEn: "Hijacked" }))).code).toBe(
      "FORBIDDEN",
    );
    const readOnlyKeyOfA: Actor = {
      type: "api_key",
      keyId: "k",
      institutionId: a.inst.id,
      scopes: ["catalogue:read"],
    };
    expect((await caught(updateResource(readOnlyKeyOfA, r.id, { titleEn: "Hijacked" }))).code).toBe(
      "FORBIDDEN",
    );
  });

  it("archiving takes a resource out of search", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const r = await publishedResource(actor, admin, inst.slug);
    await archiveResource(actor, r.id);
    expect(await ids({ institution: inst.slug })).toEqual([]);
    expect((await caught(updateResource(actor, r.id, { titleEn: "x" }))).reason).toBe("archived");
  });

  it.each([
    [{ creditsX100: -1 }, "creditsX100"],
    [{ creditsX100: 10_001 }, "creditsX100"],
    [{ creditsX100: 1.5 }, "creditsX100"],
    [{ creditsX100: "300" }, "creditsX100"],
    [{ level: 11 }, "level"],
    [{ fieldCode: "777" }, "fieldCode"],
    [{ fieldCode: "abc" }, "fieldCode"],
    [{ titleEn: "x".repeat(10_240) }, "titleEn"],
    [{ descriptionMd: "hi <script>alert(1)</script>" }, "descriptionMd"],
    [{ descriptionMd: "[x](javascript:alert(1))" }, "descriptionMd"],
    [{ offers: { learner: { amountMinor: -5 } } }, "offers.learner.amountMinor"],
    [{ offers: { learner: { amountMinor: 10 ** 12 } } }, "offers.learner.amountMinor"],
    [{ offers: { seat: { amountMinor: 100, minQuantity: 0 } } }, "offers.seat.minQuantity"],
    [{ kind: "bundle" }, "kind"],
    [{ languages: [] }, "languages"],
    [{ languages: ["xx"] }, "languages.0"],
    [{ deliveryMode: "carrier pigeon" }, "deliveryMode"],
    [{ kind: "learning_resource", creditsX100: 100 }, "creditsX100"],
    [
      { enrolOpensAt: "2027-03-01T00:00:00Z", enrolClosesAt: "2027-02-01T00:00:00Z" },
      "enrolClosesAt",
    ],
    [{ titleZh: "", summaryZh: "", titleEn: "", summaryEn: "" }, "titleZh"],
    [{ unexpected: true }, "unexpected"],
    [{ offers: { learner: { amountMinor: 100, colour: "red" } } }, "offers.learner.colour"],
    [{ slug: "someone-else-course" }, "slug"],
  ])("bad resource input %# names the field and creates nothing", async (over, field) => {
    const { inst, actor } = await editorAndAdmin();
    const before = await countRows(s.institutions);
    const beforeResources = (await (await getDb()).select().from(s.resources)).length;
    const err = await caught(createResource(actor, inst.slug, courseInput(over)));
    expect(err.code).toBe("BAD_REQUEST");
    expect(Object.keys(err.fields ?? {})).toContain(field);
    expect((await (await getDb()).select().from(s.resources)).length).toBe(beforeResources);
    expect(await countRows(s.institutions)).toBe(before);
  });

  it("a taken slug is named", async () => {
    const { inst, actor } = await editorAndAdmin();
    await createResource(actor, inst.slug, courseInput({ slug: `${inst.slug}-acc-101` }));
    const err = await caught(
      createResource(actor, inst.slug, courseInput({ slug: `${inst.slug}-acc-101` })),
    );
    expect(err.fields?.slug?.code).toBe("taken");
    await createInstitution(); // unrelated institutions are unaffected
  });
});
