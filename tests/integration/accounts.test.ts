import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { isAppError, type AppError } from "@/lib/errors";
import { requestPasswordReset, resetPassword, signUp, verifyEmail } from "@/lib/accounts/service";
import { authenticate } from "@/lib/auth/authenticate";
import {
  PASSWORD,
  countRows,
  createUser,
  mailsTo,
  tokenFromMail,
  uniqueEmail,
  viewerFor,
} from "../support/fixtures";

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

const VERIFY_LINK = /\/verify-email\?token=([\w-]+)/;
const RESET_LINK = /\/reset-password\/([\w-]+)/;

describe("[ACCOUNTS] sign-up and e-mail verification", () => {
  it("creates an unverified account, mails a link in the request's language, and the link verifies once", async () => {
    const email = uniqueEmail("new");
    await signUp(
      { name: "  Ada  ", email: `  ${email.toUpperCase()} `, password: "long enough pw" },
      "zh-CN",
    );
    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user?.name).toBe("Ada");
    expect(user?.emailVerifiedAt).toBeNull();
    expect(user?.locale).toBe("zh-CN");
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe("请验证您的电子邮箱");
    const token = await tokenFromMail(email, VERIFY_LINK);
    await verifyEmail(token);
    const [after] = await db.select().from(users).where(eq(users.email, email));
    expect(after?.emailVerifiedAt).not.toBeNull();
    expect((await caught(verifyEmail(token))).reason).toBe("invalid_token");
  });

  it("an existing address creates nothing, answers the same, and mails the owner instead", async () => {
    const owner = await createUser({ locale: "en" });
    const before = await countRows(users);
    await expect(
      signUp({ name: "Mallory", email: owner.email, password: "another password" }, "zh-CN"),
    ).resolves.toBeUndefined();
    expect(await countRows(users)).toBe(before);
    const [mail] = await mailsTo(owner.email);
    expect(mail?.subject).toBe("Someone tried to sign up with your address");
    expect(mail?.text).not.toContain("verify-email");
    const db = await getDb();
    const [unchanged] = await db.select().from(users).where(eq(users.id, owner.id));
    expect(unchanged?.name).toBe(owner.name);
    expect(unchanged?.passwordHash).toBe(owner.passwordHash);
  });

  it.each([
    [{ name: "A", email: "not-an-email", password: "long enough pw" }, "email", "invalid_email"],
    [{ name: "A", email: uniqueEmail(), password: "short" }, "password", "too_short"],
    [
      { name: "x".repeat(101), email: uniqueEmail(), password: "long enough pw" },
      "name",
      "too_long",
    ],
    [{ name: "A", email: uniqueEmail(), password: "p".repeat(201) }, "password", "too_long"],
    [{ email: uniqueEmail(), password: "long enough pw" }, "name", "required"],
    [{ name: "A", password: "long enough pw" }, "email", "required"],
    [{ name: "A", email: "", password: "long enough pw" }, "email", "required"],
    [{ name: 42, email: uniqueEmail(), password: "long enough pw" }, "name", "invalid"],
    ["not an object", "_", "invalid"],
  ])("bad input %# names the field and changes nothing", async (input, field, code) => {
    const before = await countRows(users);
    const err = await caught(signUp(input, "en"));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.fields?.[field]?.code).toBe(code);
    expect(err.message).toContain(field);
    expect(await countRows(users)).toBe(before);
  });
});

describe("[ACCOUNTS] password reset", () => {
  it("mails a single-use link; the new password works, the old does not, old sessions end", async () => {
    const user = await createUser({ verified: false });
    const oldSession = user.sessionVersion;
    await requestPasswordReset({ email: user.email }, "en");
    const token = await tokenFromMail(user.email, RESET_LINK);
    await resetPassword({ token, password: "brand new secret", confirm: "brand new secret" });

    expect(await viewerFor(user.id, oldSession)).toBeNull();
    const fresh = await viewerFor(user.id);
    expect(fresh?.emailVerified).toBe(true); // the link proved the mailbox
    expect((await authenticate({ email: user.email, password: PASSWORD }, null)).ok).toBe(false);
    expect((await authenticate({ email: user.email, password: "brand new secret" }, null)).ok).toBe(
      true,
    );
    const again = await caught(
      resetPassword({ token, password: "third password", confirm: "third password" }),
    );
    expect(again.reason).toBe("invalid_token");
  });

  it("answers the same for unknown addresses, issues no link, and says so in the request's language", async () => {
    const email = uniqueEmail("ghost");
    await expect(requestPasswordReset({ email }, "zh-CN")).resolves.toBeUndefined();
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("重置密码请求：此邮箱没有账户");
    expect(mails[0]?.text).toContain("http://exchange.test/zh-CN/sign-up");
    expect(mails[0]?.text).not.toContain("reset-password");
  });

  it("refuses a mismatched confirmation and a short password, changing nothing", async () => {
    const user = await createUser();
    await requestPasswordReset({ email: user.email }, "en");
    const token = await tokenFromMail(user.email, RESET_LINK);
    const mismatch = await caught(
      resetPassword({ token, password: "brand new secret", confirm: "other" }),
    );
    expect(mismatch.fields?.confirm?.code).toBe("mismatch");
    const short = await caught(resetPassword({ token, password: "short", confirm: "short" }));
    expect(short.fields?.password?.code).toBe("too_short");
    expect((await authenticate({ email: user.email, password: PASSWORD }, null)).ok).toBe(true);
    // the token was not used up by the refused attempts
    await resetPassword({ token, password: "brand new secret", confirm: "brand new secret" });
  });

  it("refuses an expired link", async () => {
    const user = await createUser();
    await requestPasswordReset({ email: user.email }, "en");
    const token = await tokenFromMail(user.email, RESET_LINK);
    const db = await getDb();
    const { emailTokens } = await import("@/db/schema");
    await db
      .update(emailTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(emailTokens.userId, user.id));
    expect(
      (
        await caught(
          resetPassword({ token, password: "brand new secret", confirm: "brand new secret" }),
        )
      ).reason,
    ).toBe("invalid_token");
  });
});

describe("[ACCOUNTS] mail flooding", () => {
  it("at most five account mails per address and hour, with the same answer every time", async () => {
    const user = await createUser();
    for (let i = 0; i < 8; i++)
      await expect(requestPasswordReset({ email: user.email }, "en")).resolves.toBeUndefined();
    expect(await mailsTo(user.email)).toHaveLength(5);
  });
});
