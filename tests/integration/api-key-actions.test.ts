import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/load-principal";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/api/actions";
import { authenticateApiKey, listApiKeys } from "@/lib/api/keys";
import { idle } from "@/lib/form-state";
import { bearer, institutionWithOwner } from "../support/api-fixtures";

// The session is next-auth's business; these tests are about what the actions do with the form.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({
  requireViewer: async () => {
    if (!session.viewer) throw new Error("no viewer in this test");
    return session.viewer;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

function form(fields: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
}

beforeEach(() => {
  session.viewer = null;
});

describe("[API] API key form actions", () => {
  it("creates a key with every ticked scope and hands the plaintext back once", async () => {
    const { institution, owner } = await institutionWithOwner();
    session.viewer = owner;
    const state = await createApiKeyAction(
      idle,
      form([
        ["institutionSlug", institution.slug],
        ["name", "Timetabling"],
        ["scopes", "catalogue:read"],
        ["scopes", "completions:write"],
      ]),
    );
    expect(state.status).toBe("ok");
    const key = state.values?.apiKey ?? "";
    expect(key).toMatch(/^cbx_/);
    expect(state.values?.name).toBe("Timetabling");
    const actor = await authenticateApiKey(bearer(key));
    expect(actor.scopes).toEqual(["catalogue:read", "completions:write"]);

    const { keys } = await listApiKeys(owner, institution.slug);
    const revoked = await revokeApiKeyAction(
      idle,
      form([
        ["institutionSlug", institution.slug],
        ["keyId", keys[0]!.id],
      ]),
    );
    expect(revoked.status).toBe("ok");
    await expect(authenticateApiKey(bearer(key))).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });

  it("answers bad input as form state naming the field, keeping the ticked scopes", async () => {
    const { institution, owner } = await institutionWithOwner();
    session.viewer = owner;
    const state = await createApiKeyAction(
      idle,
      form([
        ["institutionSlug", institution.slug],
        ["name", ""],
        ["scopes", "catalogue:read"],
        ["scopes", "resources:write"],
      ]),
    );
    expect(state).toMatchObject({
      status: "error",
      reason: "validation",
      fields: { name: { code: "required" } },
      values: { scopes: "catalogue:read,resources:write" },
    });
    const none = await createApiKeyAction(
      idle,
      form([
        ["institutionSlug", institution.slug],
        ["name", "x"],
      ]),
    );
    expect(none.fields).toEqual({ scopes: { code: "required" } });
    expect((await listApiKeys(owner, institution.slug)).keys).toEqual([]);
  });
});
