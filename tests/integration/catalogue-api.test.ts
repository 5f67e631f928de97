import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { GET as searchRoute } from "@/app/api/v1/catalogue/route";
import { POST as createRoute } from "@/app/api/v1/resources/route";
import { GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/resources/[idOrSlug]/route";
import { submitForReview } from "@/lib/catalogue/lifecycle";
import { reviewResource } from "@/lib/catalogue/review-resource";
import { updateResource } from "@/lib/catalogue/update-resource";
import { apiRequest, issueApiKey } from "../support/api-fixtures";
import { courseInput, editorAndAdmin, publishedResource } from "../support/catalogue-fixtures";

type ErrorBody = {
  error: { code: string; message: string; details?: Record<string, { code: string }> };
};
const json = (body: unknown) => JSON.stringify(body);
const ctx = (idOrSlug: string) => ({ params: Promise.resolve({ idOrSlug }) });

async function resourceCount() {
  return (await (await getDb()).select({ id: s.resources.id }).from(s.resources)).length;
}

describe("[API] catalogue and resources", () => {
  it("creates through POST (idempotently), edits through PATCH, reads and searches once published", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const key = await issueApiKey(inst.slug, ["resources:write", "catalogue:read"]);
    const body = json(courseInput({ titleEn: `Freight Basics ${inst.slug}` }));
    const post = () =>
      createRoute(
        apiRequest("/api/v1/resources", {
          key: key.key,
          method: "POST",
          body,
          headers: { "content-type": "application/json", "idempotency-key": "create-1" },
        }),
      );
    const first = await post();
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; slug: string; status: string };
    expect(created.status).toBe("draft");
    const before = await resourceCount();
    const again = await post();
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(created);
    expect(await resourceCount()).toBe(before);

    const other = await createRoute(
      apiRequest("/api/v1/resources", {
        key: key.key,
        method: "POST",
        body: json(courseInput({ level: 5 })),
        headers: { "content-type": "application/json", "idempotency-key": "create-1" },
      }),
    );
    expect(other.status).toBe(422);

    await submitForReview(actor, created.id);
    await reviewResource(admin, { resourceId: created.id, decision: "approve" });
    const read = await getRoute(
      apiRequest(`/api/v1/resources/${created.slug}`, { key: key.key }),
      ctx(created.slug),
    );
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      id: created.id,
      creditsX100: 300,
      offers: { learner: { amountMinor: 19900, currency: "CNY" } },
    });

    const patch = await patchRoute(
      apiRequest(`/api/v1/resources/${created.id}`, {
        key: key.key,
        method: "PATCH",
        body: json({ titleEn: "Freight Basics II" }),
        headers: { "content-type": "application/json" },
      }),
      ctx(created.id),
    );
    expect(patch.status).toBe(200);
    expect(await patch.json()).toMatchObject({ state: "published", needsReview: false });

    const search = await searchRoute(
      apiRequest(`/api/v1/catalogue?institution=${inst.slug}&q=freight`, { key: key.key }),
    );
    expect(search.status).toBe(200);
    const result = (await search.json()) as {
      hits: { id: string; titleEn: string; price: unknown }[];
      total: number;
      page: number;
      pageSize: number;
      facets: object;
      tookMs: number;
    };
    expect(Object.keys(result).sort()).toEqual([
      "facets",
      "hits",
      "page",
      "pageSize",
      "tookMs",
      "total",
    ]);
    expect(result.hits).toEqual([
      expect.objectContaining({
        id: created.id,
        titleEn: "Freight Basics II",
        price: { amountMinor: 19900, currency: "CNY" },
      }),
    ]);
  });

  it.each([
    [{ sort: "cheapest" }, "sort"],
    [{ page: "1000000000" }, "page"],
    [{ level: "x" }, "level"],
    [{ creditsMin: "-5" }, "creditsMin"],
    [{ kind: "bundle" }, "kind"],
    [{ colour: "red" }, "colour"],
  ])("GET /catalogue with %o answers 400 naming the field", async (params, field) => {
    const { inst } = await editorAndAdmin();
    const key = await issueApiKey(inst.slug, ["catalogue:read"]);
    const res = await searchRoute(
      apiRequest(`/api/v1/catalogue?${new URLSearchParams(params as Record<string, string>)}`, {
        key: key.key,
      }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(Object.keys(body.error.details ?? {})).toContain(field);
  });

  it.each([
    [{ creditsX100: "lots" }, "creditsX100"],
    [{ creditsX100: -100 }, "creditsX100"],
    [{ offers: { learner: { amountMinor: -1 } } }, "offers.learner.amountMinor"],
    [{ fieldCode: "123" }, "fieldCode"],
    [{ level: 0 }, "level"],
    [{ titleEn: "t".repeat(10_240) }, "titleEn"],
    [{ descriptionMd: "<script>alert(1)</script>" }, "descriptionMd"],
    [{ colour: "red" }, "colour"],
    [{ offers: { learner: { amountMinor: 100, colour: "red" } } }, "offers.learner.colour"],
  ])("POST with bad %o is refused by name and creates nothing", async (over, field) => {
    const { inst } = await editorAndAdmin();
    const key = await issueApiKey(inst.slug, ["resources:write"]);
    const before = await resourceCount();
    const res = await createRoute(
      apiRequest("/api/v1/resources", {
        key: key.key,
        method: "POST",
        body: json(courseInput(over)),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(res.status).toBe(400);
    expect(Object.keys(((await res.json()) as ErrorBody).error.details ?? {})).toContain(field);
    expect(await resourceCount()).toBe(before);
  });

  it("an unknown field is named in the details and the message, not hidden under `_`", async () => {
    const { inst } = await editorAndAdmin();
    const key = await issueApiKey(inst.slug, ["resources:write"]);
    const res = await createRoute(
      apiRequest("/api/v1/resources", {
        key: key.key,
        method: "POST",
        body: json(courseInput({ titel: "typo" })),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.details).toEqual({ titel: { code: "unknown_field" } });
    expect(error.message).toContain("titel: unknown_field");
  });

  it("a key cannot edit another institution's resource, nor write without the scope; bad ids are 400", async () => {
    const a = await editorAndAdmin();
    const b = await editorAndAdmin();
    const r = await publishedResource(a.actor, a.admin, a.inst.slug);
    const keyOfB = await issueApiKey(b.inst.slug, ["resources:write"]);
    const readOnlyOfA = await issueApiKey(a.inst.slug, ["catalogue:read"]);
    const patch = (key: string, id: string) =>
      patchRoute(
        apiRequest(`/api/v1/resources/${id}`, {
          key,
          method: "PATCH",
          body: json({ titleEn: "Taken over" }),
          headers: { "content-type": "application/json" },
        }),
        ctx(id),
      );
    expect((await patch(keyOfB.key, r.id)).status).toBe(403);
    expect((await patch(readOnlyOfA.key, r.id)).status).toBe(403);
    expect((await patch(keyOfB.key, "not-a-uuid")).status).toBe(400);
    const [v] = await (
      await getDb()
    )
      .select()
      .from(s.resourceVersions)
      .where(eq(s.resourceVersions.resourceId, r.id));
    expect(v?.titleEn).toBe("Management Accounting");
    const missing = await getRoute(
      apiRequest("/api/v1/resources/nope", { key: readOnlyOfA.key }),
      ctx("nope"),
    );
    expect(missing.status).toBe(404);
  });

  it("re-sending unchanged outcomes does not send a published resource back to review", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const r = await publishedResource(actor, admin, inst.slug);
    const outcome = await updateResource(actor, r.id, {
      outcomes: [{ en: "Prepare a budget", zh: "编制预算" }],
      titleEn: "MA",
    });
    expect(outcome).toMatchObject({ state: "published", needsReview: false });
  });

  it("an edit may not leave both languages incomplete", async () => {
    const { inst, actor } = await editorAndAdmin();
    const key = await issueApiKey(inst.slug, ["resources:write"]);
    const r = await createRoute(
      apiRequest("/api/v1/resources", {
        key: key.key,
        method: "POST",
        body: json(courseInput({ titleEn: "", summaryEn: "" })),
        headers: { "content-type": "application/json" },
      }),
    );
    const { id } = (await r.json()) as { id: string };
    await expect(updateResource(actor, id, { titleZh: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
