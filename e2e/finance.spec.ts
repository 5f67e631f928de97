import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

for (const locale of ["en", "zh-CN"] as const) {
  test(`[FINANCE][PAGES]: a seller's finance staff open sales, statements and fapiao (${locale})`, async ({
    page,
  }) => {
    await signIn(page, "finance@ouchn.demo");
    const zh = locale === "zh-CN";
    await page.goto(`/${locale}/institution/ouchn/sales`);
    await expect(heading(page)).toContainText(zh ? "销售与退款" : "Sales and refunds");
    await expectAxeClean(page);

    await page.goto(`/${locale}/institution/ouchn/statements`);
    await expect(heading(page)).toContainText(zh ? "结算单" : "Statement");
    await expectAxeClean(page);
    // The month picker puts the month in the URL; the CSV link follows it.
    await page.getByLabel(zh ? "月份" : "Month").fill("2026-03");
    await page.getByRole("button", { name: zh ? "查看" : "Show" }).click();
    await expect(page).toHaveURL(/period=2026-03/);
    const csvLink = page.getByRole("link", { name: /CSV \(2026-03\)/ });
    const href = await csvLink.getAttribute("href");
    expect(href).toBe(`/${locale}/institution/ouchn/statements/csv?period=2026-03`);
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString("utf8")).toContain(zh ? "成员,月份,币种" : "Member,Month,Currency");

    await page.goto(`/${locale}/institution/ouchn/invoices`);
    await expect(heading(page)).toContainText(zh ? "发票申请" : "Fapiao requests");
    await expectAxeClean(page);
  });

  test(`[FINANCE][OFFICE]: alliance finance opens the finance office (${locale})`, async ({
    page,
  }) => {
    await signIn(page, "finance@exchange.demo");
    await page.goto(`/${locale}/admin/finance`);
    const zh = locale === "zh-CN";
    await expect(heading(page)).toHaveText(zh ? "联盟财务" : "Alliance finance");
    await expect(
      page.getByRole("heading", {
        name: zh ? "等待对公转账的订单" : "Orders waiting for a bank transfer",
      }),
    ).toBeVisible();
    await expect(
      page.getByRole("heading", { name: zh ? "成员结算单" : "Members' statements" }),
    ).toBeVisible();
    await expectAxeClean(page);
    const csv = await page.request.get(`/${locale}/admin/finance/statements/csv?period=2026-03`);
    expect(csv.status()).toBe(200);
  });
}

test("[FINANCE][GUARD]: other staff and strangers get not found", async ({ page }) => {
  await signIn(page, "editor@ouchn.demo");
  for (const path of [
    "/en/institution/ouchn/sales",
    "/en/institution/ouchn/statements",
    "/en/institution/ouchn/invoices",
    "/en/admin/finance",
    "/en/institution/cflp/statements",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  const csv = await page.request.get("/en/institution/ouchn/statements/csv?period=2026-03");
  expect(csv.status()).toBe(404);
  const office = await page.request.get("/en/admin/finance/statements/csv");
  expect(office.status()).toBe(404);
});
