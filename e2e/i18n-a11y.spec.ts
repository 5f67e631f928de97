import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test.describe("with a Chinese browser", () => {
  test.use({ locale: "zh-CN" });

  test("[I18N][SWITCH]: the chosen language is remembered on the next visit", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/zh-CN$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page
      .getByRole("navigation", { name: "语言" })
      .getByRole("link", { name: "English" })
      .click();
    await expect(page).toHaveURL(/\/en$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Learn anywhere in the alliance. Bank every credit.",
    );
    await page.goto("/sign-in");
    await expect(page).toHaveURL(/\/en\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/en$/);
    await page
      .getByRole("navigation", { name: "Language" })
      .getByRole("link", { name: "简体中文" })
      .click();
    await expect(page).toHaveURL(/\/zh-CN$/);
    await page.goto("/institutions");
    await expect(page).toHaveURL(/\/zh-CN\/institutions$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("成员机构");
  });
});

test("[I18N][FORMAT]: both languages render the seeded alliance", async ({ page }) => {
  await page.goto("/en/institutions");
  await expect(page.getByText("The Open University of China")).toBeVisible();
  await expect(page.getByText("国家开放大学")).toBeVisible();
  await page.goto("/zh-CN");
  await expect(page.getByText("共 12 家成员机构")).toBeVisible();
});

for (const locale of ["zh-CN", "en"]) {
  for (const path of ["", "/sign-in", "/sign-up"]) {
    test(`[A11Y][AXE]: /${locale}${path} has no serious or critical violations`, async ({
      page,
    }) => {
      await page.goto(`/${locale}${path}`);
      const results = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      const bad = results.violations.filter(
        (v) => v.impact === "serious" || v.impact === "critical",
      );
      expect(
        bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
    });
  }
}

test("[A11Y][KEYBOARD]: the skip link and the sign-in form work from the keyboard", async ({
  page,
}) => {
  await page.goto("/en/sign-in");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.getByLabel("E-mail address").focus();
  await page.keyboard.type("learner@exchange.demo");
  await page.keyboard.press("Tab");
  await page.keyboard.type("demo-password-2026");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/en\/learn/);
});
