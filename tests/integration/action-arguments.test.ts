import { describe, expect, it, vi } from "vitest";
import * as accounts from "@/lib/accounts/actions";
import * as admin from "@/lib/admin/actions";
import * as api from "@/lib/api/actions";
import * as catalogue from "@/lib/catalogue/actions";
import * as completions from "@/lib/completions/actions";
import * as institutions from "@/lib/institutions/actions";
import * as ledger from "@/lib/ledger/actions";
import * as ledgerAdmin from "@/lib/ledger/admin-actions";
import * as licences from "@/lib/licences/actions";
import * as ratings from "@/lib/ratings/actions";
import { idle, notAForm } from "@/lib/form-state";

// A wrong-shape call must be answered before anything reads a session or a request.
vi.mock("@/lib/auth/viewer", () => ({
  requireViewer: async () => {
    throw new Error("the action read the session before checking its arguments");
  },
  getViewer: async () => {
    throw new Error("the action read the session before checking its arguments");
  },
}));
vi.mock("@/lib/auth/config", () => ({
  signIn: vi.fn(),
  signOut: vi.fn(),
  AuthError: class extends Error {},
  CredentialsSignin: class extends Error {},
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

// Every form action of every "use server" module: (previous state, form data).
const formActions = Object.entries({
  accounts,
  admin,
  api,
  catalogue,
  completions,
  institutions,
  ledger,
  ledgerAdmin,
  licences,
  ratings,
}).flatMap(([module, exports]) =>
  Object.entries(exports as Record<string, unknown>)
    .filter((e): e is [string, (...args: unknown[]) => Promise<unknown>] => {
      return typeof e[1] === "function" && e[1].length === 2;
    })
    .map(([name, fn]) => ({ name: `${module}.${name}`, fn })),
);

// What anyone can post to an action with a Next-Action header: whatever JSON-like value they like.
const wrongSecondArguments: unknown[] = [
  undefined,
  null,
  42,
  "resourceId=x",
  ["a", "b"],
  { get: "not a function" },
  { entries: () => [] },
];

describe("[SECURITY] server actions called with arguments of the wrong shape", () => {
  it("finds every form action (the list below is not silently empty)", () => {
    expect(formActions.map((a) => a.name)).toEqual(
      expect.arrayContaining([
        "accounts.signInAction",
        "accounts.signUpAction",
        "admin.setAccountDisabledAction",
        "api.createApiKeyAction",
        "catalogue.uploadCoverAction",
        "catalogue.updateResourceAction",
        "completions.recordCompletionAction",
        "completions.voidCompletionAction",
        "institutions.inviteStaffAction",
        "licences.assignSeatsAction",
        "licences.acceptSeatAction",
        "licences.decideDomainAction",
        "ledger.setNameOnCredentialsAction",
        "ledgerAdmin.writeCheckpointAction",
        "ledgerAdmin.verifyLedgerAction",
        "ratings.rateResourceAction",
      ]),
    );
    expect(formActions.length).toBeGreaterThanOrEqual(20);
  });

  it.each(formActions)("$name answers a form error, never throws", async ({ fn }) => {
    for (const wrong of wrongSecondArguments) {
      await expect(fn(idle, wrong), JSON.stringify(wrong) ?? "undefined").resolves.toEqual(
        notAForm,
      );
    }
    // No arguments at all, as an empty reply body decodes.
    await expect((fn as () => Promise<unknown>)()).resolves.toEqual(notAForm);
  });
});
