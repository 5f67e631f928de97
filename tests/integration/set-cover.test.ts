import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { resetEnvCache } from "@/lib/env";
import { isAppError, type AppError } from "@/lib/errors";
import { createResource } from "@/lib/catalogue/create-resource";
import { submitForReview } from "@/lib/catalogue/lifecycle";
import { setCoverImage, uploadCoverImage } from "@/lib/catalogue/set-cover";
import { searchCatalogue } from "@/lib/search";
import { auditFor } from "../support/fixtures";
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

const newKey = () => `covers/${randomUUID()}.png`;
const png = new Uint8Array(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  ),
);

async function state(resourceId: string) {
  const db = await getDb();
  const [resource] = await db.select().from(s.resources).where(eq(s.resources.id, resourceId));
  const versions = await db
    .select()
    .from(s.resourceVersions)
    .where(eq(s.resourceVersions.resourceId, resourceId))
    .orderBy(desc(s.resourceVersions.version));
  return { resource: resource!, versions };
}

let dataDir = "";
const savedDataDir = process.env.DATA_DIR;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "cbx-set-cover-"));
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
});
afterAll(async () => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  resetEnvCache();
  await rm(dataDir, { recursive: true, force: true });
});

describe("[CATALOGUE] cover image", () => {
  it("on a draft edits the draft itself", async () => {
    const { inst, actor } = await editorAndAdmin();
    const r = await createResource(actor, inst.slug, courseInput());
    const key = newKey();
    const outcome = await setCoverImage(actor, r.id, key);
    expect(outcome).toEqual({ versionId: r.versionId, state: "draft", needsReview: true });
    const { resource, versions } = await state(r.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ id: r.versionId, coverImageKey: key, state: "draft" });
    expect(resource.pendingVersionId).toBe(r.versionId);
    const audit = (await auditFor(r.id)).find((a) => a.action === "resource.set_cover");
    expect(audit?.after).toMatchObject({ coverImageKey: key, versionId: r.versionId });
  });

  it("on a live resource makes a new version that is live at once", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const r = await publishedResource(actor, admin, inst.slug);
    const before = await state(r.id);
    const key = newKey();
    const outcome = await setCoverImage(actor, r.id, key);
    expect(outcome).toMatchObject({ state: "published", needsReview: false });
    const { resource, versions } = await state(r.id);
    expect(versions).toHaveLength(2);
    expect(resource.liveVersionId).toBe(outcome.versionId);
    expect(resource.pendingVersionId).toBeNull();
    const [next, old] = versions;
    expect(next).toMatchObject({ version: 2, state: "published", coverImageKey: key });
    expect(old).toMatchObject({ id: before.resource.liveVersionId, state: "superseded" });
    expect(old?.coverImageKey).toBeNull();
    // everything else is copied from the live version
    expect(next?.titleEn).toBe(old?.titleEn);
    expect(next?.creditsX100).toBe(old?.creditsX100);
    const [hit] = (await searchCatalogue({ institution: inst.slug })).hits;
    expect(hit?.id).toBe(r.id);
  });

  it("is refused to another institution's editor, for a version in review and a foreign key", async () => {
    const a = await editorAndAdmin();
    const b = await editorAndAdmin();
    const r = await createResource(a.actor, a.inst.slug, courseInput());
    expect((await caught(setCoverImage(b.actor, r.id, newKey()))).code).toBe("FORBIDDEN");
    const files = async () => readdir(path.join(dataDir, "uploads", "covers")).catch(() => []);
    const filesBefore = (await files()).length;
    expect((await caught(uploadCoverImage(b.actor, r.id, png, "image/png"))).code).toBe(
      "FORBIDDEN",
    );
    expect((await files()).length).toBe(filesBefore); // nothing stored for someone refused
    expect((await caught(setCoverImage(a.actor, r.id, "../../etc/passwd"))).fields).toHaveProperty(
      "key",
    );
    expect((await caught(setCoverImage(a.actor, "not-a-uuid", newKey()))).code).toBe("BAD_REQUEST");
    await submitForReview(a.actor, r.id);
    expect((await caught(setCoverImage(a.actor, r.id, newKey()))).reason).toBe("in_review");
    const { versions } = await state(r.id);
    expect(versions[0]?.coverImageKey).toBeNull();
  });

  it("stores an uploaded image and sets it; a non-image is named as the cover", async () => {
    const { inst, actor } = await editorAndAdmin();
    const r = await createResource(actor, inst.slug, courseInput());
    await uploadCoverImage(actor, r.id, png, "image/png");
    const { versions } = await state(r.id);
    expect(versions[0]?.coverImageKey).toMatch(/^covers\/[0-9a-f-]{36}\.png$/);
    const err = await caught(
      uploadCoverImage(actor, r.id, new TextEncoder().encode("<svg/>"), "image/svg+xml"),
    );
    expect(err.fields).toHaveProperty("cover");
  });
});
