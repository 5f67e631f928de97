import { expect, test, type Page } from "@playwright/test";
import { axeProblems, freshEmail, signIn, signUpVerified } from "./helpers";

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
