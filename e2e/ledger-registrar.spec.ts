import fs from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { axeProblems, buyInSandbox, freshEmail, signIn, signOut, signUpVerified } from "./helpers";

const SLUG = "cflp-procurement-supply"; // CFLP's rule: a pass from a score of 60, 6 credits
const BOARD = "/en/institution/cflp/completions";
const PASSWORD = "e2e password 1";
const ACCOUNT_NUMBER = /^CB-\d{4}-\d{7}-[0-9X]$/;

type Learner = { email: string; name: string; account: string };

// The correction works on the pass the CSV upload recorded.
test.describe.configure({ mode: "serial" });
let passer: Learner;
let failer: Learner;

/** A fresh learner who buys the CFLP course; their learning account number from /learn/credits. */
async function newBuyer(page: Page, prefix: string): Promise<Learner> {
  const email = freshEmail(prefix);
  const name = `Registrar ${prefix} ${email.slice(prefix.length + 1, prefix.length + 9)}`;
  await signUpVerified(page, email, name, PASSWORD);
  await buyInSandbox(page, `/en/resources/${SLUG}`);
  await page.goto("/en/learn/credits");
  const account = (await page.getByText(ACCOUNT_NUMBER).textContent())?.trim() ?? "";
  expect(account).toMatch(ACCOUNT_NUMBER);
  await signOut(page);
  return { email, name, account };
}

/** Signed in as the learner, on /learn/credits: the banked total. Stays signed in. */
async function expectBanked(page: Page, learner: Learner, credits: number) {
  await signIn(page, learner.email, PASSWORD);
  await page.goto("/en/learn/credits");
  await expect(
    page.getByText(new RegExp(`^${credits}(\\.00)? credits banked$`)).first(),
  ).toBeVisible();
}

/** The learner's ledger entries of one kind ("Deposit", "Reversal"). */
function entries(page: Page, kind: string) {
  return page
    .getByRole("table", { name: "Ledger entries" })
    .getByRole("cell", { name: new RegExp(`^${kind}`) });
}

async function upload(page: Page, fileName: string, csv: string) {
  const file = test.info().outputPath(fileName);
  await fs.writeFile(file, csv);
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and record" }).click();
}

/** The learner's row on the board (the latest-results table may name them too). */
function boardRow(page: Page, learner: Learner) {
  return page
    .getByRole("table", { name: /^Enrolments:/ })
    .getByRole("row")
    .filter({ hasText: learner.name });
}

function reportLine(page: Page, line: number) {
  return page
    .getByRole("table", { name: /^Report:/ })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: String(line), exact: true }) });
}

test("[LEDGER][CSV]: the registrar uploads results by account number, sees progress and a per-row report; the same file again changes nothing; a file with wrong columns is refused whole", async ({
  page,
}) => {
  test.setTimeout(300_000);
  passer = await newBuyer(page, "csvpass");
  failer = await newBuyer(page, "csvfail");

  await signIn(page, "owner@cflp.demo");
  await page.goto(BOARD);
  const today = await boardRow(page, passer)
    .getByLabel(/^Completed on/)
    .inputValue();
  const csv = [
    "account_number,resource_slug,score,completed_on",
    `${passer.account},${SLUG},85,${today}`,
    `${failer.account},${SLUG},40,${today}`,
    `${failer.account},${SLUG},101,${today}`,
  ].join("\n");

  await upload(page, "results.csv", csv);
  await expect(page.getByRole("progressbar", { name: "Rows recorded" })).toHaveAttribute(
    "value",
    "3",
  );
  await expect(page.getByText("3 of 3 rows done")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "all 3 rows" })).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Report: 2 recorded, 0 already recorded, 1 refused" }),
  ).toBeVisible();
  await expect(reportLine(page, 2)).toContainText(passer.account);
  await expect(reportLine(page, 2)).toContainText(/Pass\s*6(\.00)? credits deposited/);
  await expect(reportLine(page, 3)).toContainText(/Fail\s*the score is below the minimum/);
  await expect(reportLine(page, 4)).toContainText(/Refused\s*score: /);
  expect(await axeProblems(page)).toEqual([]);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("table", { name: /^Report:/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("csv-report-390.png") });
  expect(await axeProblems(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });

  // The same file again: every row already recorded, the bad row refused again.
  await page.reload();
  await upload(page, "results.csv", csv);
  await expect(
    page.getByRole("table", { name: "Report: 0 recorded, 2 already recorded, 1 refused" }),
  ).toBeVisible();
  await expect(reportLine(page, 2)).toContainText("Already recorded");
  await expect(reportLine(page, 3)).toContainText("Already recorded");

  // Wrong columns: nothing is sent, the message names what is wrong.
  await page.reload();
  await upload(page, "wrong.csv", `learner,course,score,completed_on\nx,y,85,${today}\n`);
  const refusal = page.getByRole("alert").filter({ hasText: "columns are wrong" });
  await expect(refusal).toContainText("nothing was recorded");
  await expect(refusal).toContainText("Unknown columns: learner, course.");
  await expect(refusal).toContainText("Missing columns: enrolment_id.");
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  await expect(page.getByRole("table", { name: /^Report:/ })).toHaveCount(0);
  expect(await axeProblems(page)).toEqual([]);
  await signOut(page);

  // One deposit for the pass, whatever the number of uploads; nothing for the fail.
  await expectBanked(page, passer, 6);
  await expect(entries(page, "Deposit")).toHaveCount(1);
  expect(await axeProblems(page)).toEqual([]);
  await signOut(page);
  await expectBanked(page, failer, 0);
  await expect(entries(page, "Deposit")).toHaveCount(0);
  await signOut(page);
});

test("[LEDGER][CORRECT]: the registrar voids a pass with a reason, the credits are reversed; a new pass deposits them again, once", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Serial: this file's tests run in order, and a failed CSV test stops the ones after it.
  expect(passer, "the pass the CSV test recorded").toBeTruthy();
  page.on("dialog", (d) => void d.accept());

  await signIn(page, "owner@cflp.demo");
  await page.goto(BOARD);
  const row = boardRow(page, passer);
  await row.getByText("Correct this result").click();
  await row.getByLabel(/^Reason for the correction/).fill("Score typed for the wrong learner");
  await row.getByRole("button", { name: "Void the result" }).click();
  await expect(row.getByRole("status")).toHaveText(
    "Corrected: the result was voided, its credits reversed and its credential revoked.",
  );
  expect(await axeProblems(page)).toEqual([]);
  await signOut(page);

  await expectBanked(page, passer, 0);
  await expect(entries(page, "Reversal")).toHaveCount(1);
  await expect(entries(page, "Reversal")).toContainText("reverses no. 1");
  await signOut(page);

  await signIn(page, "owner@cflp.demo");
  await page.goto(BOARD);
  await row.getByLabel(/^Score/).fill("78");
  await row.getByRole("button", { name: "Record" }).click();
  await expect(row.getByText(/Passed: 6(\.00)? credits deposited/)).toBeVisible();
  // The pass closes the enrolment: no second result can be recorded on it.
  await page.reload();
  await expect(row.getByRole("button", { name: "Record" })).toHaveCount(0);
  await signOut(page);

  await expectBanked(page, passer, 6);
  await expect(entries(page, "Deposit")).toHaveCount(2);
  await expect(entries(page, "Reversal")).toHaveCount(1);
  expect(await axeProblems(page)).toEqual([]);
  await signOut(page);
});

test("[LEDGER][ADMIN]: the alliance admin writes a checkpoint and verifies every chain, in both languages", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@exchange.demo");
  await page.goto("/en/admin/ledger");
  await expect(page.getByRole("heading", { level: 1, name: "Ledger integrity" })).toBeVisible();
  await page.getByRole("button", { name: "Write a checkpoint now" }).click();
  const written = page.getByRole("status").filter({ hasText: /^Checkpoint no\. \d+ was written/ });
  await expect(written).toBeVisible();
  const number = /no\. (\d+)/.exec((await written.textContent()) ?? "")?.[1];
  await page.reload();
  await expect(
    page
      .getByRole("region", { name: "Checkpoints" })
      .getByRole("row", { name: new RegExp(`^${number} `) }),
  ).toBeVisible();

  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^The ledger verifies: / })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText(/^Verification failed/)).toHaveCount(0);
  expect(await axeProblems(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath("admin-ledger-390.png"), fullPage: true });
  expect(await axeProblems(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.goto("/zh-CN/admin/ledger");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "账本完整性" })).toBeVisible();
  await page.getByRole("button", { name: "立即校验" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^账本校验通过/ })).toBeVisible({
    timeout: 60_000,
  });
  expect(await axeProblems(page)).toEqual([]);
});
