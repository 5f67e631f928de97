import { expect, test, type Page } from "@playwright/test";
import { followMailLink, freshEmail, signIn, signUpVerified } from "./helpers";

const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });
const OUC = "Workspace: The Open University of China";

const roles: { email: string; sees: string[]; not: string[]; sections?: string[] }[] = [
  {
    email: "learner@exchange.demo",
    sees: ["My learning"],
    not: ["Alliance office", OUC, "Staff and roles"],
  },
  {
    email: "owner@ouchn.demo",
    sees: ["My learning", OUC, "Staff and roles"],
    not: ["Alliance office"],
    sections: [
      "Invite staff and manage their roles",
      "Publish and edit resources",
      "Record learners' results (completions)",
      "Sales and refunds",
      "Statements",
      "Fapiao requests",
      "Purchases (seats and licences bought)",
      "Payouts (Stripe Connect)",
      "Assign seats of the licences your institution bought",
      "Mail domains for site licences",
    ],
  },
  {
    email: "editor@ouchn.demo",
    sees: [OUC],
    not: ["Staff and roles", "Alliance office"],
    sections: ["Publish and edit resources"],
  },
  {
    email: "registrar@ouchn.demo",
    sees: [OUC],
    not: ["Staff and roles", "Alliance office"],
    sections: ["Record learners' results (completions)"],
  },
  {
    email: "finance@ouchn.demo",
    sees: [OUC],
    not: ["Staff and roles", "Alliance office"],
    sections: [
      "Sales and refunds",
      "Statements",
      "Fapiao requests",
      "Purchases (seats and licences bought)",
      "Payouts (Stripe Connect)",
      "Assign seats of the licences your institution bought",
    ],
  },
  {
    email: "admin@exchange.demo",
    sees: ["Alliance office", "Member applications", "Audit log", "Credit standard"],
    not: ["Alliance finance", OUC],
  },
  {
    email: "finance@exchange.demo",
    sees: ["Alliance office", "Alliance finance"],
    not: ["Member applications", "Audit log", "Accounts", OUC],
  },
];

for (const role of roles) {
  test(`[ROLES][NAV]: ${role.email} sees the navigation of that role`, async ({ page }) => {
    await signIn(page, role.email);
    for (const label of role.sees)
      await expect(nav(page).getByRole("link", { name: label })).toBeVisible();
    for (const label of role.not)
      await expect(nav(page).getByRole("link", { name: label })).toHaveCount(0);
    if (role.sections) {
      await nav(page).getByRole("link", { name: OUC }).click();
      const list = page.getByRole("main").getByRole("listitem");
      for (const s of role.sections) await expect(list.filter({ hasText: s })).toHaveCount(1);
      await expect(list).toHaveCount(role.sections.length);
    }
  });
}

test("[ROLES][GUARD]: a learner cannot open staff or office pages, whatever the links say", async ({
  page,
}) => {
  await signIn(page, "learner@exchange.demo");
  for (const path of [
    "/en/admin",
    "/en/admin/applications",
    "/en/admin/audit",
    "/en/admin/finance",
    "/en/institution/ouchn",
    "/en/institution/ouchn/members",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});

test("[ROLES][GUARD]: staff of one institution cannot act for another, even with a forged form", async ({
  page,
}) => {
  await signIn(page, "owner@ouchn.demo");
  expect((await page.goto("/en/institution/cflp/members"))?.status()).toBe(404);
  expect((await page.goto("/en/institution/cflp"))?.status()).toBe(404);
  // Submit OUC's own invitation form with the institution swapped for CFLP's.
  await page.goto("/en/institution/ouchn/members");
  const inviteForm = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Send the invitation" }) });
  await inviteForm
    .locator('input[name="institutionSlug"]')
    .evaluate((el) => ((el as HTMLInputElement).value = "cflp"));
  await page.getByLabel("E-mail address").fill(freshEmail("forged"));
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByText("You may not do this.")).toBeVisible();
  // alliance finance cannot decide applications either
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "finance@exchange.demo");
  expect((await page.goto("/en/admin/applications"))?.status()).toBe(404);
});

test("[ROLES][REMOVE]: a role removed by the owner stops working at the staff member's next request", async ({
  page,
  browser,
}) => {
  const email = freshEmail("staff");
  await signUpVerified(page, email, "Temp Editor");

  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, "owner@cflp.demo");
  await owner.goto("/en/institution/cflp/members");
  await owner.getByLabel("E-mail address").fill(email);
  await owner.getByLabel("Role").selectOption("editor");
  await owner.getByRole("button", { name: "Send the invitation" }).click();
  await expect(owner.getByText(`The invitation was sent to ${email}.`)).toBeVisible();

  await followMailLink(page, email, /invited to join/i);
  await page.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(
    page.getByText("Welcome to China Federation of Logistics and Purchasing."),
  ).toBeVisible();
  await page.goto("/en/institution/cflp");
  await expect(
    page.getByRole("heading", { name: /China Federation of Logistics and Purchasing: workspace/ }),
  ).toBeVisible();

  await owner.reload();
  await owner.getByRole("button", { name: "Remove role Editor from Temp Editor" }).click();
  await expect(
    owner.getByRole("button", { name: "Remove role Editor from Temp Editor" }),
  ).toHaveCount(0);
  await ownerContext.close();

  // The very next request of the staff member no longer carries the role (nor the session).
  await page.goto("/en/institution/cflp");
  await expect(page).toHaveURL(/\/en\/sign-in/);
  await signIn(page, email, "e2e password 1");
  expect((await page.goto("/en/institution/cflp"))?.status()).toBe(404);
});

test("[INSTITUTIONS][APPLY]: an application approved by the admin makes its applicant owner", async ({
  page,
  browser,
}) => {
  const email = freshEmail("applicant");
  const slug = `e2e-${Date.now().toString(36)}`;
  await signUpVerified(page, email, "Applicant Person");
  await page.goto("/en/learn/apply");
  await page.getByLabel("Name in Chinese").fill("测试开放大学");
  await page.getByLabel("Name in English").fill(`E2E Open University ${slug}`);
  await page.getByLabel("Short name for web addresses").fill(slug);
  await page.getByLabel("Kind of institution").selectOption("open_university");
  await page.getByRole("button", { name: "Send the application" }).click();
  await expect(page.getByText("Your application was sent.")).toBeVisible();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@exchange.demo");
  await admin.goto("/en/admin/applications");
  const card = admin.locator("section").filter({ hasText: slug });
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card).toHaveCount(0); // decided: it leaves the queue
  await admin.goto("/en/admin/audit");
  await expect(admin.getByRole("cell", { name: "institution.approve" }).first()).toBeVisible();
  await adminContext.close();

  await page.goto("/en/learn");
  await expect(
    nav(page).getByRole("link", { name: `Workspace: E2E Open University ${slug}` }),
  ).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "Staff and roles" })).toBeVisible();
  await followMailLink(page, email, /membership approved/i);
  await expect(page.getByText("Owner")).toBeVisible();
});
