import { expect, test } from "@playwright/test";
import { axeProblems, buyInSandbox, freshEmail, signIn, signOut, signUpVerified } from "./helpers";

const COURSE = "/en/resources/cflp-procurement-supply";
const TITLE = "Procurement and Supply Management in Practice";

test("[LEDGER][DEPOSIT]: a learner buys a course, the registrar records a pass, credits, transcript and credential appear and verify; the learner rates it; after the admin's refund the credential is revoked and the balance is back", async ({
  page,
}) => {
  test.setTimeout(240_000);
  page.on("dialog", (d) => void d.accept());
  const email = freshEmail("ledger");
  const name = `Ledger Learner ${email.slice(7, 15)}`;
  await signUpVerified(page, email, name);
  const orderPath = await buyInSandbox(page, COURSE);
  await signOut(page);

  // CFLP's owner (who holds the registrar's rights) records a passing score.
  await signIn(page, "owner@cflp.demo");
  await page.goto("/en/institution/cflp/completions");
  const row = page.getByRole("row").filter({ hasText: name });
  await row.getByLabel(/^Score/).fill("85");
  await row.getByRole("button", { name: "Record" }).click();
  await expect(row.getByText(/Passed: 6 credits deposited/)).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);
  await signOut(page);

  // The learner's balance, entry and credential.
  await signIn(page, email, "e2e password 1");
  await page.goto("/en/learn/credits");
  await expect(page.getByText(/^6(\.00)? credits banked$/).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: TITLE }).first()).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);
  const verifyHref = await page
    .getByRole("link", { name: `Verify the credential for ${TITLE}` })
    .getAttribute("href");
  expect(verifyHref).toMatch(/\/verify\/[0-9a-f-]{36}$/);
  await page.goto("/en/learn/transcript");
  await expect(page.getByRole("cell", { name: TITLE }).first()).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);
  await page.goto(verifyHref!);
  await expect(page.getByText(/^Genuine and current\./)).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);

  // A completer rates the course.
  await page.goto(COURSE);
  await page.getByRole("radio", { name: "4 – very good" }).check();
  await page.getByLabel("Comment (optional)").fill("Clear, practical cases.");
  await page.getByRole("button", { name: "Save my rating" }).click();
  await expect(page.getByText("Thank you: your rating is saved.")).toBeVisible();
  await expect(page.getByText("Clear, practical cases.").first()).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);
  await signOut(page);

  // The alliance admin refunds the completed line, with a reason.
  await signIn(page, "admin@exchange.demo");
  await page.goto(orderPath);
  const refund = page.getByRole("form", { name: "Refund" }).first();
  await refund.getByLabel("Reason").fill("Learner withdrew after the exam");
  await refund.getByRole("button", { name: "Refund" }).click();
  // The line shows the refund once the page reloads (its form is gone with the refunded line).
  await expect(page.getByText(/3,980\.00 refunded/)).toBeVisible();
  await page.goto(verifyHref!);
  await expect(page.getByText(/^Revoked\./)).toBeVisible();
  await signOut(page);

  await signIn(page, email, "e2e password 1");
  await page.goto("/en/learn/credits");
  await expect(page.getByText(/^0(\.00)? credits banked$/).first()).toBeVisible();
  await expect(page.getByText("Reversal").first()).toBeVisible();
});
