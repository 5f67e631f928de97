import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { buyForInstitution, followMailLink, freshEmail, signIn, signUpVerified } from "./helpers";

test.describe.configure({ mode: "serial" });

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });
const newcomer = freshEmail("seat");
const other = freshEmail("other");
const domain = `e2e-${Date.now()}.edu.test`;

// OUCHN's finance buys 30 seats and a site licence of a CQU course through its page and the
// sandbox checkout, the way every member buys.
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, "finance@ouchn.demo");
  const course = "/en/resources/cqu-engineering-mechanics";
  await buyForInstitution(page, course, { kind: "seat", quantity: 30 });
  await buyForInstitution(page, course, { kind: "site_licence" });
  await page.close();
});

test("[LICENCES]: finance assigns two seats from a pasted list and revokes one", async ({
  page,
}) => {
  await signIn(page, "finance@ouchn.demo");
  await nav(page).getByRole("link", { name: "Licences" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Licences");
  await expectAxeClean(page);
  const seats = page.getByRole("region", { name: "Assign seats" }).first();
  await seats.getByLabel("E-mail addresses").fill(`not-an-address, ${newcomer}`);
  await seats.getByRole("button", { name: "Assign and send invitations" }).click();
  await expect(seats.getByRole("alert")).toContainText("“not-an-address” is not an e-mail address");
  await seats.getByLabel("E-mail addresses").fill(`${newcomer.toUpperCase()}\n${other}`);
  await seats.getByRole("button", { name: "Assign and send invitations" }).click();
  await expect(page.getByText("2 invitations were sent.")).toBeVisible();
  await expect(page.getByRole("cell", { name: newcomer, exact: true })).toBeVisible();
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `Revoke the invitation to ${other}` }).click();
  await expect(page.getByRole("cell", { name: other, exact: true })).toHaveCount(0);
  await expectAxeClean(page);
});

test("[LICENCES]: a new person follows the seat link, signs up from it and accepts", async ({
  page,
}) => {
  await followMailLink(page, newcomer, /assigned you a seat/);
  await expect(page.getByRole("heading", { name: "A seat for you" })).toBeVisible();
  await expectAxeClean(page);
  const seatUrl = page.url();
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Create your learning account" }),
  ).toBeVisible();
  await page.getByLabel("Full name").fill("Seat Newcomer");
  await page.getByLabel("E-mail address").fill(newcomer);
  await page.getByLabel("Password").fill("e2e password 1");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("Check your e-mail")).toBeVisible();
  const signUpPage = page.url();
  await followMailLink(page, newcomer, /verify your e-mail/i);
  await page.getByRole("button", { name: "Verify my e-mail address" }).click();
  await expect(page.getByText("E-mail address verified")).toBeVisible();
  // Back to the sign-up page's return link: sign in, and land on the seat again.
  await page.goto(signUpPage);
  await page.getByRole("link", { name: "Sign in and return" }).click();
  // The sign-up page has an e-mail field too: wait for the sign-in page before typing.
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByLabel("E-mail address").fill(newcomer);
  await page.getByLabel("Password", { exact: true }).fill("e2e password 1");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(seatUrl);
  await page.getByRole("button", { name: "Accept the seat and enrol" }).click();
  await expect(page.getByText("You are enrolled.")).toBeVisible();
  await expectAxeClean(page);
  await page.reload();
  await expect(page.getByText("This invitation was already used.")).toBeVisible();
});

test("[LICENCES]: another signed-in person learns only that the seat is for another address", async ({
  page,
}) => {
  await signIn(page, "finance@ouchn.demo");
  await page.goto("/en/institution/ouchn/licences");
  await expect(page.getByText(newcomer)).toBeVisible();
  await followMailLink(page, newcomer, /assigned you a seat/);
  await expect(page.getByText("This invitation is for another address.")).toBeVisible();
  await expect(page.getByText(newcomer)).toHaveCount(0);
});

test("[LICENCES]: the owner lists a domain, the admin confirms it, a learner there joins", async ({
  page,
}) => {
  await signIn(page, "owner@ouchn.demo");
  await nav(page).getByRole("link", { name: "Mail domains" }).click();
  await page.getByLabel("Domain", { exact: true }).fill(domain);
  await page.getByRole("button", { name: "Add the domain" }).click();
  await expect(page.getByRole("cell", { name: "waiting for the alliance office" })).toBeVisible();
  await expectAxeClean(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "admin@exchange.demo");
  await nav(page).getByRole("link", { name: "Domains to confirm" }).click();
  await expectAxeClean(page);
  await page.getByRole("button", { name: `Confirm ${domain}` }).click();
  await expect(page.getByRole("heading", { name: domain })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  const learner = `someone-${Date.now()}@${domain}`;
  await signUpVerified(page, learner, "Site Learner");
  await page.goto("/zh-CN/site-licences");
  await expectAxeClean(page);
  await page.getByRole("button", { name: /^加入/ }).click();
  await expect(page.getByText("报名成功。")).toBeVisible();
});

test("[LICENCES]: licence and domain pages answer 404 to those without the right", async ({
  page,
}) => {
  await signIn(page, "learner@exchange.demo");
  for (const path of [
    "/en/institution/ouchn/licences",
    "/en/institution/ouchn/domains",
    "/en/admin/domains",
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "finance@ouchn.demo");
  expect((await page.goto("/en/institution/ouchn/domains"))?.status()).toBe(404);
  expect((await page.goto("/en/institution/cflp/licences"))?.status()).toBe(404);
});
