import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import {
  authenticateApiKey,
  createApiKey,
  createApiKeyAsOperator,
  listApiKeys,
  revokeApiKey,
} from "@/lib/api/keys";
import { hashApiKey } from "@/lib/api/key-format";
import {
  addMember,
  auditFor,
  createInstitution,
  createUser,
  mustViewer,
} from "../support/fixtures";
import { appErrorOf, bearer, institutionWithOwner, issueApiKey } from "../support/api-fixtures";

afterEach(() => {
  vi.useRealTimers();
});

async function keyRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(s.apiKeys).where(eq(s.apiKeys.id, id));
  return row!;
}

describe("[API] institution API keys", () => {
  it("the owner creates a key: shown once, stored as a hash, scoped, audited", async () => {
    const { institution, owner } = await institutionWithOwner();
    const created = await createApiKey(owner, {
      institutionSlug: institution.slug,
      name: "  Student records  ",
      scopes: ["resources:write", "catalogue:read", "catalogue:read"],
    });
    expect(created.key).toMatch(/^cbx_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);
    expect(created).toMatchObject({ name: "Student records", revokedAt: null, lastUsedAt: null });
    expect(created.scopes).toEqual(["catalogue:read", "resources:write"]);

    const row = await keyRow(created.id);
    expect(row.keyHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key.slice(13));
    expect(row).toMatchObject({ institutionId: institution.id, createdBy: owner.userId });

    const [audit] = await auditFor(created.id);
    expect(audit).toMatchObject({
      action: "api_key.create",
      actorId: owner.userId,
      institutionId: institution.id,
    });
    expect(JSON.stringify(audit)).not.toContain(row.keyHash);
    expect(JSON.stringify(audit)).not.toContain(created.key);

    const { keys } = await listApiKeys(owner, institution.slug);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toEqual({
      id: created.id,
      name: "Student records",
      prefix: created.prefix,
      scopes: ["catalogue:read", "resources:write"],
      createdAt: expect.any(Date),
      lastUsedAt: null,
      revokedAt: null,
    });

    const actor = await authenticateApiKey(bearer(created.key));
    expect(actor).toEqual({
      type: "api_key",
      keyId: created.id,
      institutionId: institution.id,
      scopes: ["catalogue:read", "resources:write"],
    });
  });

  it("only the institution's owner manages its keys", async () => {
    const { institution, owner } = await institutionWithOwner();
    const editorUser = await createUser();
    await addMember(institution.id, editorUser.id, "editor");
    const editor = await mustViewer(editorUser.id);
    const other = await institutionWithOwner();
    const input = { institutionSlug: institution.slug, name: "x", scopes: ["catalogue:read"] };

    expect((await appErrorOf(createApiKey(editor, input))).code).toBe("FORBIDDEN");
    expect((await appErrorOf(createApiKey(other.owner, input))).code).toBe("FORBIDDEN");
    expect((await appErrorOf(listApiKeys(editor, institution.slug))).code).toBe("FORBIDDEN");
    expect(
      (await appErrorOf(createApiKey(owner, { ...input, institutionSlug: "no-such-inst" }))).code,
    ).toBe("NOT_FOUND");

    const unverified = await createUser({ verified: false });
    await addMember(institution.id, unverified.id, "owner");
    expect((await appErrorOf(createApiKey(await mustViewer(unverified.id), input))).code).toBe(
      "FORBIDDEN",
    );

    const key = await createApiKey(owner, input);
    const revokeAsOther = revokeApiKey(other.owner, {
      institutionSlug: institution.slug,
      keyId: key.id,
    });
    expect((await appErrorOf(revokeAsOther)).code).toBe("FORBIDDEN");
    // Another institution's owner naming their own institution does not reach this key either.
    const acrossInstitutions = revokeApiKey(other.owner, {
      institutionSlug: other.institution.slug,
      keyId: key.id,
    });
    expect((await appErrorOf(acrossInstitutions)).code).toBe("NOT_FOUND");
    await expect(authenticateApiKey(bearer(key.key))).resolves.toMatchObject({ keyId: key.id });
  });

  it("names every bad field: unknown or no scopes, empty name", async () => {
    const { institution, owner } = await institutionWithOwner();
    const base = { institutionSlug: institution.slug, name: "Sync" };
    const unknown = await appErrorOf(
      createApiKey(owner, { ...base, scopes: ["catalogue:read", "admin:everything"] }),
    );
    expect(unknown).toMatchObject({ code: "BAD_REQUEST", reason: "validation" });
    expect(unknown.fields).toEqual({ scopes: { code: "invalid_choice" } });
    const none = await appErrorOf(createApiKey(owner, { ...base, scopes: [] }));
    expect(none.fields).toEqual({ scopes: { code: "required" } });
    const noName = await appErrorOf(
      createApiKey(owner, { ...base, name: "   ", scopes: ["catalogue:read"] }),
    );
    expect(noName.fields).toEqual({ name: { code: "required" } });
    const notAList = await appErrorOf(createApiKey(owner, { ...base, scopes: "catalogue:read" }));
    expect(notAList.fields?.scopes).toBeDefined();
    expect((await listApiKeys(owner, institution.slug)).keys).toEqual([]);
  });

  it("a revoked key stops working at once; revoking twice changes nothing", async () => {
    const { institution, owner } = await institutionWithOwner();
    const key = await createApiKey(owner, {
      institutionSlug: institution.slug,
      name: "Old system",
      scopes: ["catalogue:read"],
    });
    await authenticateApiKey(bearer(key.key));
    await revokeApiKey(owner, { institutionSlug: institution.slug, keyId: key.id });
    const err = await appErrorOf(authenticateApiKey(bearer(key.key)));
    expect(err).toMatchObject({ code: "UNAUTHENTICATED", reason: "invalid_api_key" });
    const revokedAt = (await keyRow(key.id)).revokedAt;
    expect(revokedAt).toBeInstanceOf(Date);

    await revokeApiKey(owner, { institutionSlug: institution.slug, keyId: key.id });
    expect((await keyRow(key.id)).revokedAt).toEqual(revokedAt);
    const actions = (await auditFor(key.id)).map((a) => a.action).sort();
    expect(actions).toEqual(["api_key.create", "api_key.revoke"]);
    const { keys } = await listApiKeys(owner, institution.slug);
    expect(keys[0]?.revokedAt).toEqual(revokedAt);
  });

  it("refuses missing, malformed and unknown keys alike, without naming which", async () => {
    const { institution } = await institutionWithOwner();
    const real = await issueApiKey(institution.slug);
    const tampered = real.key.slice(0, -1) + (real.key.endsWith("A") ? "B" : "A");
    const missing = await appErrorOf(authenticateApiKey(null));
    expect(missing).toMatchObject({ code: "UNAUTHENTICATED", reason: "api_key_required" });
    for (const header of [
      "Basic dXNlcjpwYXNz",
      real.key, // no scheme
      `Bearer ${real.key}x`,
      `Bearer ${tampered}`,
      `Bearer cbx_00000000_${"A".repeat(43)}`,
      `Bearer ${"x".repeat(5000)}`,
    ]) {
      const err = await appErrorOf(authenticateApiKey(header));
      expect(err, header.slice(0, 40)).toMatchObject({
        code: "UNAUTHENTICATED",
        reason: "invalid_api_key",
      });
    }
    // The scheme is case-insensitive (RFC 9110).
    await expect(authenticateApiKey(`bearer ${real.key}`)).resolves.toMatchObject({
      keyId: real.id,
    });
  });

  it("records last use at most once a minute", async () => {
    const { institution } = await institutionWithOwner();
    const key = await issueApiKey(institution.slug);
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T08:00:00Z") });
    await authenticateApiKey(bearer(key.key));
    expect((await keyRow(key.id)).lastUsedAt).toEqual(new Date("2026-12-01T08:00:00Z"));
    vi.setSystemTime(new Date("2026-12-01T08:00:59Z"));
    await authenticateApiKey(bearer(key.key));
    expect((await keyRow(key.id)).lastUsedAt).toEqual(new Date("2026-12-01T08:00:00Z"));
    vi.setSystemTime(new Date("2026-12-01T08:01:01Z"));
    await authenticateApiKey(bearer(key.key));
    expect((await keyRow(key.id)).lastUsedAt).toEqual(new Date("2026-12-01T08:01:01Z"));
  });

  it("the operator's keys are audited without an actor; only member institutions get keys", async () => {
    const { institution } = await institutionWithOwner();
    const key = await createApiKeyAsOperator({
      institutionSlug: institution.slug,
      name: "Migration",
      scopes: ["resources:write"],
    });
    expect((await keyRow(key.id)).createdBy).toBeNull();
    const [audit] = await auditFor(key.id);
    expect(audit).toMatchObject({ action: "api_key.create", actorId: null });

    const applicant = await createInstitution("applicant");
    const refused = await appErrorOf(
      createApiKeyAsOperator({
        institutionSlug: applicant.slug,
        name: "x",
        scopes: ["catalogue:read"],
      }),
    );
    expect(refused).toMatchObject({ code: "CONFLICT", reason: "institution_not_member" });
    const nowhere = { institutionSlug: "nowhere-at-all", name: "x" };
    const unknown = await appErrorOf(
      createApiKeyAsOperator({ ...nowhere, scopes: ["catalogue:read"] }),
    );
    expect(unknown.code).toBe("NOT_FOUND");
    // Input is checked before anything is looked up.
    const badScope = await appErrorOf(createApiKeyAsOperator({ ...nowhere, scopes: ["x"] }));
    expect(badScope.code).toBe("BAD_REQUEST");
  });

  it("a suspended institution's keys are recognised but refused", async () => {
    const { institution } = await institutionWithOwner();
    const key = await issueApiKey(institution.slug);
    const db = await getDb();
    await db
      .update(s.institutions)
      .set({ status: "suspended" })
      .where(eq(s.institutions.id, institution.id));
    const err = await appErrorOf(authenticateApiKey(bearer(key.key)));
    expect(err).toMatchObject({ code: "FORBIDDEN", reason: "institution_not_active" });
  });
});
