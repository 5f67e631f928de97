import { describe, expect, it } from "vitest";
import { isAppError, type AppError } from "@/lib/errors";
import { findAccounts, setAccountDisabled } from "@/lib/admin/accounts";
import { authenticate } from "@/lib/auth/authenticate";
import { PASSWORD, auditFor, createUser, mustViewer, viewerFor } from "../support/fixtures";

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

describe("[ADMIN] disabling accounts", () => {
  it("disabling ends the person's session at once and refuses sign-in; enabling restores it", async () => {
    const admin = await mustViewer((await createUser({ platformRole: "admin" })).id);
    const person = await createUser();
    const session = (await mustViewer(person.id)).sessionVersion;

    await setAccountDisabled(admin, { userId: person.id, disabled: "true" });
    expect(await viewerFor(person.id, session)).toBeNull();
    expect(await viewerFor(person.id)).toBeNull(); // not even a fresh session
    expect(await authenticate({ email: person.email, password: PASSWORD }, null)).toEqual({
      ok: false,
      reason: "disabled",
    });
    expect(await authenticate({ email: person.email, password: "wrong" }, null)).toEqual({
      ok: false,
      reason: "invalid",
    });

    await setAccountDisabled(admin, { userId: person.id, disabled: "false" });
    expect(await authenticate({ email: person.email, password: PASSWORD }, null)).toMatchObject({
      ok: true,
    });
    expect((await auditFor(person.id)).map((a) => a.action).sort()).toEqual([
      "account.disable",
      "account.enable",
    ]);
  });

  it("only the admin may, never on their own account, and bad input changes nothing", async () => {
    const admin = await mustViewer((await createUser({ platformRole: "admin" })).id);
    const finance = await mustViewer((await createUser({ platformRole: "finance" })).id);
    const person = await createUser();
    expect(
      (await caught(setAccountDisabled(finance, { userId: person.id, disabled: "true" }))).code,
    ).toBe("FORBIDDEN");
    expect((await caught(findAccounts(finance, { q: "" }))).code).toBe("FORBIDDEN");
    expect(
      (await caught(setAccountDisabled(admin, { userId: admin.userId, disabled: "true" }))).reason,
    ).toBe("cannot_disable_self");
    expect(
      (await caught(setAccountDisabled(admin, { userId: "not-a-uuid", disabled: "true" }))).fields
        ?.userId?.code,
    ).toBe("invalid_format");
    expect(
      (await caught(setAccountDisabled(admin, { userId: person.id, disabled: "yes" }))).fields
        ?.disabled?.code,
    ).toBe("invalid_choice");
    expect(await viewerFor(person.id)).not.toBeNull();
  });

  it("finds accounts by part of the address, treating % and _ literally", async () => {
    const admin = await mustViewer((await createUser({ platformRole: "admin" })).id);
    const person = await createUser();
    const part = person.email.split("@")[0]!.slice(-6);
    expect((await findAccounts(admin, { q: part.toUpperCase() })).map((a) => a.id)).toContain(
      person.id,
    );
    expect(await findAccounts(admin, { q: "%_%_%_nothing" })).toEqual([]);
  });
});
