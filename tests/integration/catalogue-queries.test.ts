import { listStandardLabels } from "@/lib/standard/queries";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { createResource } from "@/lib/catalogue/create-resource";
import { archiveResource, submitForReview } from "@/lib/catalogue/lifecycle";
import { reviewResource } from "@/lib/catalogue/review-resource";
import { updateResource } from "@/lib/catalogue/update-resource";
import { getPublicInstitution, getPublicResource, listFeatured } from "@/lib/catalogue/queries";
import { refreshSearchRow } from "@/lib/search/documents";
import { createInstitution } from "../support/fixtures";
import { courseInput, editorAndAdmin, publishedResource } from "../support/catalogue-fixtures";

// The public DTO's keys, exactly: anything more would be an internal column leaking out.
const resourceKeys = [
  "id",
  "slug",
  "kind",
  "version",
  "titleZh",
  "titleEn",
  "summaryZh",
  "summaryEn",
  "descriptionMd",
  "fieldCode",
  "fieldNameZh",
  "fieldNameEn",
  "level",
  "levelLabelZh",
  "levelLabelEn",
  "creditsX100",
  "learningHours",
  "outcomes",
  "languages",
  "deliveryMode",
  "assessment",
  "completionRule",
  "prerequisites",
  "capacity",
  "enrolOpensAt",
  "enrolClosesAt",
  "coverImageUrl",
  "publishedAt",
  "institution",
  "offers",
].sort();

async function setInstitutionStatus(id: string, status: "member" | "applicant" | "suspended") {
  const db = await getDb();
  await db.update(s.institutions).set({ status }).where(eq(s.institutions.id, id));
}

describe("[CATALOGUE] public reads", () => {
  it("a published resource reads by id and by slug as a DTO of its live version", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const r = await publishedResource(actor, admin, inst.slug, {
      capacity: 40,
      enrolOpensAt: "2026-09-01T00:00:00+08:00",
      enrolClosesAt: "2026-09-30T00:00:00+08:00",
      languages: ["zh", "en"],
      offers: {
        learner: { amountMinor: 19900 },
        seat: { amountMinor: 15000, minQuantity: 10 },
        siteLicence: { amountMinor: 5_000_000 },
      },
    });
    const byId = await getPublicResource(r.id);
    const bySlug = await getPublicResource(r.slug);
    expect(byId).not.toBeNull();
    expect(bySlug).toEqual(byId);
    expect(await getPublicResource(r.slug.toUpperCase())).toEqual(byId);

    expect(Object.keys(byId!).sort()).toEqual(resourceKeys);
    expect(Object.keys(byId!.institution).sort()).toEqual(["kind", "nameEn", "nameZh", "slug"]);
    expect(byId).toMatchObject({
      id: r.id,
      slug: r.slug,
      kind: "course",
      version: 1,
      titleZh: "管理会计学",
      titleEn: "Management Accounting",
      descriptionMd: "## 内容\n\n预算、成本与绩效。",
      fieldCode: "041",
      fieldNameEn: "Business and administration",
      level: 6,
      levelLabelEn: "Level 6 – Bachelor's",
      creditsX100: 300,
      learningHours: 48,
      outcomes: [{ zh: "编制预算", en: "Prepare a budget" }],
      languages: ["zh", "en"],
      deliveryMode: "online",
      assessment: "期末考试",
      completionRule: { minScore: 60, minAttendancePct: null },
      capacity: 40,
      enrolOpensAt: "2026-08-31T16:00:00.000Z",
      enrolClosesAt: "2026-09-29T16:00:00.000Z",
      coverImageUrl: null,
      institution: {
        slug: inst.slug,
        nameEn: inst.nameEn,
        nameZh: inst.nameZh,
        kind: "university",
      },
      offers: {
        learner: { amountMinor: 19900, currency: "CNY" },
        seat: { amountMinor: 15000, currency: "CNY", minQuantity: 10 },
        siteLicence: { amountMinor: 5_000_000, currency: "CNY" },
      },
    });
    expect(byId!.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // Serialisable as it stands (the partner API sends it as JSON).
    expect(JSON.parse(JSON.stringify(byId))).toEqual(byId);
  });

  it("offers that are absent are absent, and a cover key becomes an /uploads URL", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const r = await publishedResource(actor, admin, inst.slug, {
      offers: { learner: { amountMinor: 0 } },
    });
    const db = await getDb();
    const key = "covers/0b6f2d3c-1a2b-4c5d-8e9f-0123456789ab.png";
    const [res] = await db.select().from(s.resources).where(eq(s.resources.id, r.id));
    await db
      .update(s.resourceVersions)
      .set({ coverImageKey: key })
      .where(eq(s.resourceVersions.id, res!.liveVersionId!));
    const dto = await getPublicResource(r.id);
    expect(dto?.offers).toEqual({ learner: { amountMinor: 0, currency: "CNY" } });
    expect(dto?.coverImageUrl).toBe(`/uploads/${key}`);
  });

  it("drafts, resources in review and archived resources are not public", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const draft = await createResource(actor, inst.slug, courseInput());
    expect(await getPublicResource(draft.id)).toBeNull();
    expect(await getPublicResource(draft.slug)).toBeNull();

    await submitForReview(actor, draft.id);
    expect(await getPublicResource(draft.id)).toBeNull();
    await reviewResource(admin, { resourceId: draft.id, decision: "approve" });
    expect(await getPublicResource(draft.id)).not.toBeNull();

    await archiveResource(actor, draft.id);
    expect(await getPublicResource(draft.id)).toBeNull();
    expect(await getPublicResource(draft.slug)).toBeNull();
  });

  it("a change waiting for review does not show; the live version does until approval", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const r = await publishedResource(actor, admin, inst.slug);
    await updateResource(actor, r.id, { creditsX100: 400 });
    await submitForReview(actor, r.id);
    expect(await getPublicResource(r.id)).toMatchObject({ creditsX100: 300, version: 1 });
    await reviewResource(admin, { resourceId: r.id, decision: "approve" });
    expect(await getPublicResource(r.id)).toMatchObject({ creditsX100: 400, version: 2 });
  });

  it("resources of a suspended institution are not public", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const r = await publishedResource(actor, admin, inst.slug);
    await setInstitutionStatus(inst.id, "suspended");
    expect(await getPublicResource(r.id)).toBeNull();
    expect(await getPublicInstitution(inst.slug)).toBeNull();
    await setInstitutionStatus(inst.id, "member");
    expect(await getPublicResource(r.id)).not.toBeNull();
  });

  it("unknown or malformed ids and slugs are simply not found", async () => {
    for (const key of [
      "00000000-0000-4000-8000-000000000000",
      "no-such-resource",
      "",
      "' or 1=1 --",
      "a".repeat(500),
      "../../etc/passwd",
    ]) {
      expect(await getPublicResource(key), key).toBeNull();
    }
  });

  it("a member institution reads with its count of published resources only", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const db = await getDb();
    await db
      .update(s.institutions)
      .set({ website: "https://example.edu.cn", descriptionEn: "A test university." })
      .where(eq(s.institutions.id, inst.id));
    await publishedResource(actor, admin, inst.slug);
    await createResource(actor, inst.slug, courseInput()); // draft
    const archived = await publishedResource(actor, admin, inst.slug);
    await archiveResource(actor, archived.id);

    const pub = await getPublicInstitution(inst.slug);
    expect(pub).toEqual({
      slug: inst.slug,
      nameZh: inst.nameZh,
      nameEn: inst.nameEn,
      kind: "university",
      website: "https://example.edu.cn",
      descriptionZh: "",
      descriptionEn: "A test university.",
      publishedResourceCount: 1,
    });
  });

  it("applicant and unknown institutions are not public", async () => {
    const applicant = await createInstitution("applicant");
    expect(await getPublicInstitution(applicant.slug)).toBeNull();
    expect(await getPublicInstitution("no-such-institution")).toBeNull();
    expect(await getPublicInstitution("Bad Slug!")).toBeNull();
  });

  it("featured resources are listed newest first, and only while public", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const plain = await publishedResource(actor, admin, inst.slug);
    const older = await publishedResource(actor, admin, inst.slug);
    const newer = await publishedResource(actor, admin, inst.slug);
    const db = await getDb();
    await db.transaction(async (tx) => {
      for (const [r, at] of [
        [older, new Date("2030-01-01T00:00:00Z")],
        [newer, new Date("2030-02-01T00:00:00Z")],
      ] as const) {
        await tx
          .update(s.resources)
          .set({ isFeatured: true, firstPublishedAt: at })
          .where(eq(s.resources.id, r.id));
        await refreshSearchRow(tx, r.id);
      }
    });
    const ids = (await listFeatured(50)).map((h) => h.id);
    expect(ids).not.toContain(plain.id);
    expect(ids.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    const hit = (await listFeatured(50)).find((h) => h.id === newer.id);
    expect(hit).toMatchObject({
      slug: newer.slug,
      institutionSlug: inst.slug,
      creditsX100: 300,
      price: { amountMinor: 19900, currency: "CNY" },
    });

    await archiveResource(actor, newer.id);
    expect((await listFeatured(50)).map((h) => h.id)).not.toContain(newer.id);
  });

  it("standard labels group narrow fields under broad ones and list every level", async () => {
    const { fields, levels } = await listStandardLabels();
    const business = fields.find((f) => f.code === "04");
    expect(business?.narrow.map((n) => n.code)).toContain("041");
    expect(fields.every((f) => f.code.length === 2)).toBe(true);
    expect(levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
