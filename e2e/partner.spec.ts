import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("[API][KEYS]: an owner creates a key in the UI and a partner system uses it; revoked, it stops", async ({
  page,
}) => {
  await signIn(page, "owner@cflp.demo");
  await page.goto("/en/institution/cflp/api-keys");
  await page.getByLabel("Name").fill("Warehouse system");
  await page.getByRole("checkbox", { name: /catalogue:read/ }).check();
  await page.getByRole("button", { name: "Create the key" }).click();
  await expect(page.getByText("The key “Warehouse system” was created.")).toBeVisible();
  const key = await page.getByLabel("The new API key").inputValue();
  expect(key).toMatch(/^cbx_/);

  const me = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({
    institution: { slug: "cflp" },
    scopes: ["catalogue:read"],
  });
  const search = await page.request.get("/api/v1/catalogue?q=物流&pageSize=5", {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(search.status()).toBe(200);
  expect(((await search.json()) as { total: number }).total).toBeGreaterThan(0);
  const write = await page.request.post("/api/v1/resources", {
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    data: { kind: "course" },
  });
  expect(write.status()).toBe(403);
  const bad = await page.request.get("/api/v1/catalogue?page=1000000000", {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ error: { code: "BAD_REQUEST", details: { page: {} } } });

  await page.reload();
  await page.getByRole("button", { name: "Revoke “Warehouse system”" }).click();
  await expect(page.getByText(/revoked on/)).toBeVisible();
  expect(
    (
      await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } })
    ).status(),
  ).toBe(401);
});

test("[CATALOGUE][IMPORT]: an editor imports a CSV as drafts with progress and a per-row report", async ({
  page,
}) => {
  await signIn(page, "editor@ouchn.demo");
  await page.goto("/en/institution/ouchn/resources/import");
  const csv = [
    "kind,titleZh,titleEn,summaryZh,summaryEn,fieldCode,level,creditsX100,learningHours,languages,deliveryMode",
    "course,仓储数字化导论,Digital Warehousing,仓储数字化的入门课程。,An introduction to digital warehousing.,104,5,200,32,zh,online",
    "course,,,,,041,6,-5,32,zh,online",
  ].join("\n");
  await page
    .getByLabel("File to import")
    .setInputFiles({ name: "courses.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import as drafts" }).click();
  await expect(page.getByText("The import is finished.")).toBeVisible();
  await expect(page.getByText("Drafts created: 1. Rows refused: 1.")).toBeVisible();
  // The refused row is named by its line in the file and by the field.
  const refused = page.getByRole("row").filter({ hasText: "creditsX100: at least 0." });
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText(/^\s*3/);
  // Drafts are not public.
  await page.goto("/en/resources?q=Digital+Warehousing");
  await expect(page.getByRole("link", { name: "Digital Warehousing", exact: true })).toHaveCount(0);
});
