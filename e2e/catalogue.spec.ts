import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./helpers";

// A 1×1 PNG: a real image for the cover upload.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const TITLE_ZH = "港口集装箱调度实务";
const TITLE_EN = "Container Terminal Scheduling Practice";

test("[CATALOGUE][PUBLISH]: an editor publishes a course through review; visitors find it in both languages", async ({
  page,
  browser,
}) => {
  await signIn(page, "editor@ouchn.demo");
  await page.goto("/en/institution/ouchn/resources/new");
  await page.getByLabel("Title in Chinese").fill(TITLE_ZH);
  await page.getByLabel("Title in English").fill(TITLE_EN);
  await page
    .getByLabel("Summary in Chinese")
    .fill("面向港口物流岗位的集装箱码头作业计划与调度方法。");
  await page
    .getByLabel("Summary in English")
    .fill("Planning and scheduling the operations of a container terminal.");
  await page
    .getByLabel("Description (Markdown)")
    .fill("## Topics\n\n- Berth planning\n- Yard allocation");
  await page.getByLabel("Field of study (ISCED-F 2013)").selectOption("104");
  await page.getByLabel("Framework level").selectOption("6");
  await page.getByLabel("Credits", { exact: true }).fill("2.5");
  await page.getByLabel("Learning hours").fill("40");
  await page.getByLabel("Learner price (yuan)").fill("99.00");
  await page.getByLabel("Price per institutional seat (yuan)").fill("80.00");
  await page.getByLabel("Minimum number of seats").fill("10");
  await page.getByRole("button", { name: "Create the draft" }).click();
  await expect(page.getByText("The resource was created as a draft.")).toBeVisible();

  await page
    .getByLabel("Cover image")
    .setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Upload the cover" }).click();
  await expect(page.getByText("The cover image was saved.")).toBeVisible();
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText(/Version 1 is in review/)).toBeVisible();
  await signOut(page);

  // Not public before the review.
  expect((await page.goto(`/en/resources?q=${encodeURIComponent(TITLE_EN)}`))?.status()).toBe(200);
  await expect(page.getByRole("link", { name: TITLE_EN, exact: true })).toHaveCount(0);

  await signIn(page, "admin@exchange.demo");
  await page.goto("/en/admin/reviews");
  const item = page.locator("section, article").filter({ hasText: TITLE_EN }).last();
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(page.locator("section, article").filter({ hasText: TITLE_EN })).toHaveCount(0);
  await signOut(page);

  // A visitor with a Chinese browser, by a Chinese query through the form: the URL holds it.
  const zh = await browser.newContext({ locale: "zh-CN" });
  const visitor = await zh.newPage();
  await visitor.goto("/zh-CN/resources");
  await visitor.getByLabel("关键词").fill("集装箱调度");
  await visitor.getByRole("button", { name: "搜索", exact: true }).click();
  await expect(visitor).toHaveURL(/[?&]q=/);
  await expect(visitor.getByRole("link", { name: TITLE_ZH, exact: true })).toBeVisible();
  const shared = visitor.url();
  const again = await zh.newPage();
  await again.goto(shared);
  await expect(again.getByRole("link", { name: TITLE_ZH, exact: true })).toBeVisible();
  await zh.close();

  // English, with a typo; then by filters alone; the resource page shows the offer and cover.
  await page.goto("/en/resources?q=Containr+Terminal+Scheduling");
  await expect(page.getByRole("link", { name: TITLE_EN, exact: true })).toBeVisible();
  await page.goto("/en/resources?institution=ouchn&field=104&level=6");
  await expect(page.getByRole("link", { name: TITLE_EN, exact: true })).toBeVisible();
  await page.goto("/zh-CN/resources?institution=ouchn&field=104&level=6");
  await expect(page.getByRole("link", { name: TITLE_ZH, exact: true })).toBeVisible();
  await page.getByRole("link", { name: TITLE_ZH, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE_ZH })).toBeVisible();
  await expect(page.getByText("¥99.00").first()).toBeVisible();
  const cover = page.locator("img[src^='/uploads/']");
  await expect(cover).toHaveCount(1);
  const img = await page.request.get((await cover.getAttribute("src"))!);
  expect(img.headers()["content-type"]).toBe("image/png");
  expect(img.headers()["x-content-type-options"]).toBe("nosniff");
});

test("[CATALOGUE][FILTERS]: the search form's filters and sort land in the URL and reproduce the results", async ({
  page,
}) => {
  await page.goto("/en/resources");
  await page.getByLabel("Search words").fill("management");
  await page.getByLabel("Institution").selectOption("cflp");
  await page.getByLabel("Sort by").selectOption("credits_desc");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/institution=cflp/);
  await expect(page).toHaveURL(/sort=credits_desc/);
  const titles = await page
    .getByRole("main")
    .getByRole("article")
    .getByRole("heading")
    .allTextContents();
  expect(titles.length).toBeGreaterThan(0);
  await page.reload();
  expect(
    await page.getByRole("main").getByRole("article").getByRole("heading").allTextContents(),
  ).toEqual(titles);
  // A bad parameter is named, not a crash.
  const res = await page.goto("/en/resources?sort=cheapest&page=abc");
  expect(res?.status()).toBe(200);
  await expect(page.getByText(/not valid and were ignored/)).toBeVisible();
});

for (const path of [
  "/zh-CN/resources?q=会计",
  "/en/resources/ouchn-management-accounting",
  "/en/developers",
]) {
  test(`[A11Y][AXE]: ${path} has no serious or critical violations`, async ({ page }) => {
    expect((await page.goto(path))?.status()).toBe(200);
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
      [],
    );
  });
}

test("[CATALOGUE][GUARD]: an editor cannot open or edit another institution's resource, even with a forged form", async ({
  page,
}) => {
  await signIn(page, "owner@cflp.demo");
  await page.goto("/en/institution/cflp/resources");
  const href = await page
    .getByRole("table")
    .locator("a[href*='/institution/cflp/resources/']")
    .first()
    .getAttribute("href");
  const cflpId = /resources\/([0-9a-f-]{36})/.exec(href ?? "")?.[1];
  expect(cflpId).toBeTruthy();
  await signOut(page);

  await signIn(page, "editor@ouchn.demo");
  expect((await page.goto("/en/institution/cflp/resources"))?.status()).toBe(404);
  expect((await page.goto(`/en/institution/cflp/resources/${cflpId}`))?.status()).toBe(404);
  expect((await page.goto(`/en/institution/ouchn/resources/${cflpId}`))?.status()).toBe(404);

  // OUC's own edit form, pointed at CFLP's resource.
  await page.goto("/en/institution/ouchn/resources");
  await page.getByRole("table").locator("a[href*='/institution/ouchn/resources/']").first().click();
  const form = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Save changes" }) });
  await form
    .locator('input[name="resourceId"]')
    .evaluate((el, id) => ((el as HTMLInputElement).value = id), cflpId!);
  await page.getByLabel("Title in English").fill("Taken over by another institution");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("You may not do this.")).toBeVisible();
  await page.goto("/en/resources?q=Taken+over+by+another+institution");
  await expect(
    page.getByRole("link", { name: "Taken over by another institution", exact: true }),
  ).toHaveCount(0);
});

test("[CATALOGUE][PUBLISH]: the same publishing flow in the Chinese interface", async ({
  page,
}) => {
  const title = "冷链物流温控实务";
  await signIn(page, "editor@ouchn.demo", undefined, "zh-CN");
  await page.goto("/zh-CN/institution/ouchn/resources/new");
  await page.getByLabel("中文标题").fill(title);
  await page.getByLabel("中文简介").fill("冷链运输与仓储中的温度控制方法。");
  await page.getByLabel("学科领域（ISCED-F 2013）").selectOption("104");
  await page.getByLabel("资历框架等级").selectOption("5");
  await page.getByLabel("学分", { exact: true }).fill("1.5");
  await page.getByLabel("学习时长（小时）").fill("24");
  await page.getByLabel("学习者价格（元）").fill("0");
  await page.getByRole("button", { name: "创建草稿" }).click();
  await expect(page.getByText("资源已创建为草稿。")).toBeVisible();
  await page
    .getByLabel("封面图片")
    .setInputFiles({ name: "封面.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "上传封面" }).click();
  await expect(page.getByText("封面图片已保存。")).toBeVisible();
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText(/第 1 版正在审核中/)).toBeVisible();
  await page.getByRole("button", { name: "退出登录" }).click();

  await signIn(page, "admin@exchange.demo", undefined, "zh-CN");
  await page.goto("/zh-CN/admin/reviews");
  await page
    .locator("section, article")
    .filter({ hasText: title })
    .last()
    .getByRole("button", { name: "通过", exact: true })
    .click();
  await expect(page.locator("section, article").filter({ hasText: title })).toHaveCount(0);

  await page.goto(`/zh-CN/resources?q=${encodeURIComponent("温控")}&free=true`);
  await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
});
