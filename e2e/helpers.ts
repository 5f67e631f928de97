import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password-2026";

export function freshEmail(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, locale = "en") {
  await page.goto(`/${locale}/sign-in`);
  await page.getByLabel(locale === "en" ? "E-mail address" : "电子邮箱").fill(email);
  await page.getByLabel(locale === "en" ? "Password" : "密码", { exact: true }).fill(password);
  await page
    .getByRole("button", { name: locale === "en" ? "Sign in" : "登录", exact: true })
    .click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/learn`));
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
}

/** Open the newest demo-mailbox message to `to` whose subject matches, and follow its link. */
export async function followMailLink(page: Page, to: string, subject: RegExp) {
  await page.goto(`/en/mailbox?to=${encodeURIComponent(to)}`);
  const message = page.getByRole("article", { name: subject }).first();
  await expect(message).toBeVisible();
  const href = await message.getByRole("link").last().getAttribute("href");
  if (!href) throw new Error("no link in the mail");
  await page.goto(href);
}

/** Sign up through the UI and verify the address through the mailbox; ends signed in. */
export async function signUpVerified(
  page: Page,
  email: string,
  name = "E2E Person",
  password = "e2e password 1",
) {
  await page.goto("/en/sign-up");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("Check your e-mail")).toBeVisible();
  await followMailLink(page, email, /verify your e-mail/i);
  await page.getByRole("button", { name: "Verify my e-mail address" }).click();
  await expect(page.getByText("E-mail address verified")).toBeVisible();
  await signIn(page, email, password);
}

/** Serious or critical axe findings on the page as it is now (WCAG 2.2 AA tags). */
export async function axeProblems(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * On a resource page, as an institution's finance staff: buy seats (`quantity`) or the site
 * licence for the first institution offered, paying in the sandbox. Ends on the paid order.
 */
export async function buyForInstitution(
  page: Page,
  path: string,
  offer: { kind: "seat"; quantity: number } | { kind: "site_licence" },
) {
  await page.goto(path);
  const form = page.locator("form", { has: page.getByRole("button", { name: "Place the order" }) });
  await form
    .getByRole("radio", { name: offer.kind === "seat" ? /^Seats at/ : /^Site licence at/ })
    .check();
  if (offer.kind === "seat") await form.getByLabel("Number of seats").fill(String(offer.quantity));
  await form.getByRole("button", { name: "Place the order" }).click();
  await expect(page).toHaveURL(/\/en\/checkout\/sandbox\//);
  await page.getByRole("button", { name: "Confirm payment" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
}

/** As a signed-in learner: buy a resource for oneself, paying in the sandbox; the order's path. */
export async function buyInSandbox(page: Page, path: string): Promise<string> {
  await page.goto(path);
  await page.getByRole("button", { name: /^Buy now for/ }).click();
  await expect(page).toHaveURL(/\/en\/checkout\/sandbox\//);
  await page.getByRole("button", { name: "Confirm payment" }).click();
  await expect(page).toHaveURL(/\/en\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  return new URL(page.url()).pathname;
}
