import { expect, test, type Page } from "@playwright/test";
import {
  axeProblems,
  buyForInstitution,
  followMailLink,
  freshEmail,
  signIn,
  signOut,
  signUpVerified,
} from "./helpers";

const PAID_COURSE = "/en/resources/cqu-engineering-mechanics";
const SEAT_COURSE = "/en/resources/ouchn-computer-applications";

/** From a resource page: buy now, land on the sandbox checkout, confirm or decline. */
async function buyInSandbox(
  page: Page,
  path: string,
  decision: "Confirm payment" | "Decline payment",
) {
  await page.goto(path);
  await page.getByRole("button", { name: /^Buy now for/ }).click();
  await expect(page).toHaveURL(/\/en\/checkout\/sandbox\//);
  await expect(page.getByRole("note")).toContainText("TEST MODE");
  expect(await axeProblems(page)).toEqual([]);
  await page.getByRole("button", { name: decision }).click();
  await expect(page).toHaveURL(/\/en\/orders\/[0-9a-f-]{36}$/);
}

test("[COMMERCE][BUY]: a learner buys a paid course from its page and finds it under My learning", async ({
  page,
}) => {
  await signUpVerified(page, freshEmail("buyer"));
  await buyInSandbox(page, PAID_COURSE, "Confirm payment");
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  expect(await axeProblems(page)).toEqual([]);
  await page.getByRole("link", { name: "Go to My learning" }).click();
  const learning = page.getByRole("list", { name: "My learning" });
  await expect(learning.getByRole("link", { name: "Engineering Mechanics" })).toBeVisible();
  // The resource page now says so instead of offering to sell it again.
  await page.goto(PAID_COURSE);
  await expect(page.getByText("You are enrolled on this resource.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Buy now for/ })).toHaveCount(0);
});

test("[COMMERCE][DECLINE]: a declined payment leaves no enrolment", async ({ page }) => {
  await signUpVerified(page, freshEmail("decliner"));
  await buyInSandbox(page, PAID_COURSE, "Decline payment");
  await expect(page.getByTestId("order-status")).toHaveText("Payment declined");
  await page.goto("/en/learn");
  await expect(page.getByText("You are not enrolled on anything yet.")).toBeVisible();
  await page.goto(PAID_COURSE);
  await expect(page.getByRole("button", { name: /^Buy now for/ })).toBeVisible();
});

test("[COMMERCE][OWN]: the selling institution's finance staff are told why it cannot buy its own course", async ({
  page,
}) => {
  await signIn(page, "finance@ouchn.demo");
  await page.goto(SEAT_COURSE);
  await expect(page.getByRole("note")).toContainText(
    "The Open University of China publishes this resource, so it cannot buy seats or a licence of it.",
  );
  await expect(page.getByRole("button", { name: "Place the order" })).toHaveCount(0);
  expect(await axeProblems(page)).toEqual([]);
});

test("[COMMERCE][SEATS]: an institution buys 5 seats, assigns 2, a learner accepts; a refund takes an unused seat; the statement adds up", async ({
  page,
}) => {
  test.setTimeout(180_000);
  page.on("dialog", (d) => void d.accept());
  const invitee = freshEmail("invitee");
  await signUpVerified(page, invitee, "Seat Learner");
  await signOut(page);

  // CFLP buys five seats of an OUCHN course and assigns two of them.
  await signIn(page, "owner@cflp.demo");
  await buyForInstitution(page, SEAT_COURSE, { kind: "seat", quantity: 5 });
  await page.goto("/en/institution/cflp/licences");
  const assign = page.getByRole("region", { name: "Assign seats" }).first();
  await assign.getByLabel("E-mail addresses").fill(`${invitee}\n${freshEmail("colleague")}`);
  await assign.getByRole("button", { name: "Assign and send invitations" }).click();
  await expect(page.getByText("2 invitations were sent.")).toBeVisible();
  await expect(
    page.getByText("5 seats: 3 free, 2 waiting for acceptance, 0 activated"),
  ).toBeVisible();
  await signOut(page);

  // The learner accepts from the e-mail and finds the course under My learning.
  await signIn(page, invitee, "e2e password 1");
  await followMailLink(page, invitee, /assigned you a seat/);
  await page.getByRole("button", { name: "Accept the seat and enrol" }).click();
  await expect(page.getByText("You are enrolled.")).toBeVisible();
  await page.goto("/en/learn");
  const learning = page.getByRole("list", { name: "My learning" });
  await expect(
    learning.getByRole("link", { name: "Fundamentals of Computer Applications" }),
  ).toBeVisible();
  await expect(learning).toContainText("seat from an institution");
  await signOut(page);

  // OUCHN's finance refunds one unused seat.
  await signIn(page, "finance@ouchn.demo");
  await page.goto("/en/institution/ouchn/sales");
  const refund = page.getByRole("form", { name: "Refund" }).first();
  await refund.getByLabel("Seats").fill("1");
  await refund.getByLabel("Reason").fill("One seat was bought too many");
  await refund.getByRole("button", { name: "Refund" }).click();
  await expect(page.getByText("Refunded CN¥200.00. The buyer was told by e-mail.")).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);

  // The month's statement: 5 × 200.00 sold, 10% fee, one seat refunded (its fee in proportion).
  await expect(async () => {
    await page.goto("/en/institution/ouchn/statements");
    const cells = page.getByRole("row").nth(1).getByRole("cell");
    await expect(cells).toHaveText(
      [
        "CNY",
        "CN¥1,000.00",
        "CN¥100.00",
        "CN¥900.00",
        "CN¥200.00",
        "CN¥20.00",
        "CN¥180.00",
        "CN¥720.00",
      ].concat(Array(4).fill(/¥/)),
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 30_000 });
  await signOut(page);

  // The buyer's licence lost exactly that unused seat; the accepted one stays.
  await signIn(page, "owner@cflp.demo");
  await page.goto("/en/institution/cflp/licences");
  await expect(
    page.getByText("5 seats: 2 free, 1 waiting for acceptance, 1 activated"),
  ).toBeVisible();
  await expect(page.getByText("1 refunded")).toBeVisible();
});
