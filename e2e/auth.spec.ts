import { expect, test } from "@playwright/test";
import { followMailLink, freshEmail, signIn, signOut, DEMO_PASSWORD } from "./helpers";

test("[AUTH][SIGN-UP]: sign up, verify through the mailbox, sign in, sign out", async ({
  page,
}) => {
  const email = freshEmail("signup");
  await page.goto("/en/sign-up");
  await page.getByLabel("Full name").fill("Grace Learner");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill("a fine password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText(`we have sent a message to ${email}`)).toBeVisible();

  await followMailLink(page, email, /verify your e-mail/i);
  await page.getByRole("button", { name: "Verify my e-mail address" }).click();
  await expect(page.getByText("E-mail address verified")).toBeVisible();

  await signIn(page, email, "a fine password");
  await expect(page.getByRole("heading", { name: "Welcome, Grace Learner" })).toBeVisible();
  await expect(page.getByText(`${email} · verified`)).toBeVisible();
  await signOut(page);
  await page.goto("/en/learn");
  await expect(page).toHaveURL(/\/en\/sign-in\?next=/);
});

test("[AUTH][SIGN-UP]: an address that has an account gets the same answer and nothing is revealed", async ({
  page,
}) => {
  await page.goto("/en/sign-up");
  await page.getByLabel("Full name").fill("Someone Else");
  await page.getByLabel("E-mail address").fill("learner@exchange.demo");
  await page.getByLabel("Password").fill("another password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("we have sent a message to learner@exchange.demo")).toBeVisible();
  // the owner can still sign in with the old password
  await signIn(page, "learner@exchange.demo", DEMO_PASSWORD);
});

test("[AUTH][BAD-INPUT]: malformed e-mail, short password and missing name are named", async ({
  page,
}) => {
  await page.goto("/en/sign-up");
  await page.getByLabel("E-mail address").fill("not-an-address");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("Please correct the marked fields.")).toBeVisible();
  await expect(page.getByText("Full name: this field is required.")).toBeVisible();
  await expect(page.getByText("E-mail address: enter a valid e-mail address")).toBeVisible();
  await expect(page.getByText("Password: at least 8 characters.")).toBeVisible();
  await expect(page.getByLabel("E-mail address")).toHaveAttribute("aria-invalid", "true");
});

test("[AUTH][SIGN-IN]: a wrong password is refused without saying which part was wrong", async ({
  page,
}) => {
  await page.goto("/zh-CN/sign-in");
  await page.getByLabel("电子邮箱").fill("registrar@ouchn.demo");
  await page.getByLabel("密码", { exact: true }).fill("wrong password");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByText("电子邮箱或密码不正确。")).toBeVisible();
});

test("[AUTH][RESET]: reset the password through the mailbox; the old password stops working", async ({
  page,
}) => {
  const email = freshEmail("reset");
  await page.goto("/en/sign-up");
  await page.getByLabel("Full name").fill("Reset Person");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill("the old password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("Check your e-mail")).toBeVisible();

  await page.goto("/en/reset-password");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText(`If ${email} has an account`)).toBeVisible();
  await followMailLink(page, email, /reset your password/i);
  await page.getByLabel("New password", { exact: true }).fill("the new password");
  await page.getByLabel("Repeat the new password").fill("the new password");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();

  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("the old password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("The e-mail address or password is not correct.")).toBeVisible();
  await signIn(page, email, "the new password");
});

test("[AUTH][SIGN-OUT]: a copied session cookie dies with sign-out; another device stays signed in", async ({
  browser,
}) => {
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const thief = await browser.newContext();
  try {
    const onLaptop = await laptop.newPage();
    await signIn(onLaptop, "learner@exchange.demo");
    const onPhone = await phone.newPage();
    await signIn(onPhone, "learner@exchange.demo");

    // Someone copies the laptop's cookies, then the owner signs out there.
    const copied = await laptop.cookies();
    expect(copied.some((c) => c.name.includes("session-token"))).toBe(true);
    await signOut(onLaptop);

    await thief.addCookies(copied);
    const replayed = await thief.newPage();
    await replayed.goto("/en/learn");
    await expect(replayed).toHaveURL(/\/en\/sign-in\?next=/);

    // The phone's own session goes on.
    await onPhone.goto("/en/learn");
    await expect(onPhone).toHaveURL(/\/en\/learn/);
    await expect(onPhone.getByRole("button", { name: "Sign out" })).toBeVisible();
  } finally {
    await Promise.all([laptop.close(), phone.close(), thief.close()]);
  }
});
