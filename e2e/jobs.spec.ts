import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("[JOBS][ADMIN]: the admin sees the background-job counts in both languages, and health reports them", async ({
  page,
  request,
}) => {
  const health = await (await request.get("/api/health")).json();
  expect(health).toMatchObject({ status: "ok" });
  expect(health.jobs).toEqual({ queued: expect.any(Number), deadLetters: expect.any(Number) });

  await signIn(page, "admin@exchange.demo");
  await page.getByRole("link", { name: "Background jobs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Background jobs" })).toBeVisible();
  await expect(page.getByText("Failed for good", { exact: true })).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(
    results.violations.filter((v) => v.impact === "serious" || v.impact === "critical"),
  ).toEqual([]);
  await page.goto("/zh-CN/admin/jobs");
  await expect(page.getByRole("heading", { level: 1, name: "后台任务" })).toBeVisible();
});

test("[JOBS][GUARD]: a learner cannot open the jobs page", async ({ page }) => {
  await signIn(page, "learner@exchange.demo");
  const res = await page.goto("/en/admin/jobs");
  expect(res?.status()).toBe(404);
});
