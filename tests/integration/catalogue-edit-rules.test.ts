import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { GET as searchRoute } from "@/app/api/v1/catalogue/route";
import { POST as createRoute } from "@/app/api/v1/resources/route";
import { updateResource } from "@/lib/catalogue/update-resource";
import { apiRequest, issueApiKey } from "../support/api-fixtures";
import { courseInput, editorAndAdmin, publishedResource } from "../support/catalogue-fixtures";

type ErrorBody = {
  error: { code: string; message: string; details?: Record<string, { code: string }> };
};
const json = (body: unknown) => JSON.stringify(body);

describe("[CATALOGUE] rules that span fields hold after every edit", () => {
  it("a learning resource cannot gain credits; a window cannot close before it opens; one threshold keeps the other", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const lr = await publishedResource(actor, admin, inst.slug, {
      kind: "learning_resource",
      creditsX100: 0,
      completionRule: { minScore: null, minAttendancePct: null },
    });
    await expect(updateResource(actor, lr.id, { creditsX100: 200 })).rejects.toMatchObject({
      fields: { creditsX100: { code: "invalid" } },
    });

    const c = await publishedResource(actor, admin, inst.slug, {
      enrolOpensAt: "2027-03-01T00:00:00+08:00",
      completionRule: { minScore: 60, minAttendancePct: 80 },
    });
    await expect(
      updateResource(actor, c.id, { enrolClosesAt: "2027-02-01T00:00:00+08:00" }),
    ).rejects.toMatchObject({
      fields: { enrolClosesAt: { code: "invalid" } },
    });
    await updateResource(actor, c.id, { completionRule: { minScore: 70 } });
    const versions = (
      await (
        await getDb()
      )
        .select()
        .from(s.resourceVersions)
        .where(eq(s.resourceVersions.resourceId, c.id))
    ).sort((a, b) => a.version - b.version);
    expect(versions.map((v) => [v.minScore, v.minAttendancePct, v.state])).toEqual([
      [60, 80, "published"], // the live version is untouched
      [70, 80, "draft"], // the new threshold waits for review; attendance kept
    ]);
  });

  it("refuses year-0 dates, NUL characters and a slug that would belong to another institution", async () => {
    const { inst } = await editorAndAdmin();
    const key = await issueApiKey(inst.slug, ["resources:write", "catalogue:read"]);
    const post = (over: Record<string, unknown>) =>
      createRoute(
        apiRequest("/api/v1/resources", {
          key: key.key,
          method: "POST",
          body: json(courseInput(over)),
          headers: { "content-type": "application/json" },
        }),
      );
    expect((await post({ enrolOpensAt: "0000-01-01T00:00:00Z" })).status).toBe(400);
    expect((await post({ titleEn: "bad\u0000title" })).status).toBe(400);
    const search = await searchRoute(apiRequest(`/api/v1/catalogue?q=ab%00`, { key: key.key }));
    expect(search.status).toBe(400);
    const { createInstitution } = await import("../support/fixtures");
    const other = await createInstitution();
    // An institution whose slug extends this one's: its prefix is not ours to take.
    const db = await getDb();
    await db
      .update(s.institutions)
      .set({ slug: `${inst.slug}-x` })
      .where(eq(s.institutions.id, other.id));
    const res = await post({ slug: `${inst.slug}-x-course` });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details?.slug?.code).toBe("taken");
  });
});
