import fs from "node:fs";
import path from "node:path";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { STATUS_LIST_SIZE } from "@/lib/credentials/issue";
import { emailIdentityHash, type AchievementCredential } from "@/lib/credentials/payload";
import { credentialRow, issuedCredential } from "../support/credential-fixtures";

// 1EdTech's published JSON Schema (draft 2019-09), kept as a fixture: tests/fixtures/ob3/SOURCE.md.
const schema = JSON.parse(
  fs.readFileSync(
    path.join(import.meta.dirname, "../fixtures/ob3/achievementcredential.json"),
    "utf8",
  ),
) as object;
const ajv = new Ajv2019({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(payload: unknown) {
  const ok = validate(payload);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

async function payloadOf(id: string) {
  return (await credentialRow(id)).payload as AchievementCredential;
}

describe("[CREDENTIALS] the Open Badges 3.0 payload", () => {
  it("validates against 1EdTech's AchievementCredential schema, and the schema has teeth", async () => {
    const { id } = await issuedCredential();
    const payload = await payloadOf(id);
    expectValid(payload);
    // The same validator refuses what the schema forbids, so passing above means something.
    const noIssuance: Partial<AchievementCredential> = { ...payload };
    delete noIssuance.issuanceDate;
    expect(validate(noIssuance)).toBe(false);
    const badIdentity = structuredClone(payload);
    (badIdentity.credentialSubject.identifier[0] as Record<string, unknown>).extra = 1;
    expect(validate(badIdentity)).toBe(false);
  });

  it("says what was achieved, by whom and where, with a hashed e-mail and no name by default", async () => {
    const c = await issuedCredential({ creditsX100: 250, scoreX100: 8550, locale: "en" });
    const row = await credentialRow(c.id);
    const p = row.payload as AchievementCredential;
    expect(p["@context"]).toEqual([
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]);
    expect(p.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(p.id).toBe(`urn:uuid:${c.id}`);
    expect(p.issuer).toMatchObject({ id: "http://exchange.test", type: ["Profile"] });
    expect(p.issuer.name).toBe("Credit Bank Alliance");
    expect(p.validFrom).toBe(c.at.toISOString());
    expect(p.issuanceDate).toBe(c.at.toISOString());

    const subject = p.credentialSubject;
    expect(subject.id).toBe(`urn:cbae:account:${c.account.number}`);
    expect(subject.type).toEqual(["AchievementSubject"]);
    expect(subject.creditsEarned).toBe(2.5);
    expect(subject.result).toEqual([
      { type: ["Result"], resultDescription: `${subject.achievement.id}#score`, value: "85.5" },
    ]);
    expect(subject.activityEndDate).toBe(`${c.completion.completedOn}T00:00:00.000+08:00`);
    expect(subject.identifier).toHaveLength(1);
    const [email] = subject.identifier;
    expect(email).toMatchObject({
      type: "IdentityObject",
      identityType: "emailAddress",
      hashed: true,
    });
    expect(email!.identityHash).toBe(emailIdentityHash(c.learner.email, email!.salt!));
    expect(email!.salt).toMatch(/^[0-9a-f]{32}$/);
    // Minimal personal data: neither the address nor the name appears anywhere.
    const text = JSON.stringify(p);
    expect(text).not.toContain(c.learner.email);
    expect(text).not.toContain(c.learner.name);

    const a = subject.achievement as Record<string, unknown>;
    expect(a).toMatchObject({
      type: ["Achievement"],
      achievementType: "Course",
      "@language": "en",
      name: "Management Accounting",
      creditsAvailable: 2.5,
      fieldOfStudy: "Business and administration",
      creator: { id: `http://exchange.test/institutions/${c.seller.slug}`, type: ["Profile"] },
    });
    expect((a.creator as { name: string }).name).toBe(c.seller.nameEn);
    expect(a.alignment).toEqual([
      expect.objectContaining({ targetCode: "041", targetType: "ext:ISCEDF2013" }),
      expect.objectContaining({ targetCode: "6", targetName: "Level 6 – Bachelor's" }),
    ]);
    expect((a.criteria as { narrative: string }).narrative).toContain("at least 60");
    // The other language travels with the achievement.
    expect(a.related).toEqual([
      expect.objectContaining({ "@language": "zh-CN", name: "管理会计学", type: ["Related"] }),
    ]);

    expect(p.credentialStatus).toEqual({
      id: `http://exchange.test/api/v1/credentials/status/revocation#${row.statusIndex}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(row.statusIndex),
      statusListCredential: "http://exchange.test/api/v1/credentials/status/revocation",
    });
    expect(row.statusIndex).toBeGreaterThanOrEqual(0);
    expect(row.statusIndex).toBeLessThan(STATUS_LIST_SIZE);
    expect(row.entryId).toBe(c.entry!.id);
    // Signing waits for the first reader: the completion's transaction pays for no RSA.
    expect(row.jwt).toBeNull();
  });

  it("carries the name, unhashed, only when the learner opted in; still valid", async () => {
    const c = await issuedCredential({ nameOnCredentials: true, locale: "zh-CN" });
    const p = await payloadOf(c.id);
    expectValid(p);
    expect(p.credentialSubject.identifier).toEqual([
      expect.objectContaining({ identityType: "emailAddress", hashed: true }),
      {
        type: "IdentityObject",
        identityType: "ext:displayName",
        hashed: false,
        identityHash: c.learner.name,
      },
    ]);
    // In the learner's language this time.
    expect(p.name).toBe("管理会计学");
    expect(p.credentialSubject.achievement["@language"]).toBe("zh-CN");
    expect(p.issuer.name).toBe("学分银行联盟");
  });

  it("is issued for a 0-credit pass too (no ledger entry, 0 credits earned), without a score", async () => {
    const c = await issuedCredential({ creditsX100: 0, scoreX100: null });
    const row = await credentialRow(c.id);
    const p = row.payload as AchievementCredential;
    expectValid(p);
    expect(row.entryId).toBeNull();
    expect(p.credentialSubject.creditsEarned).toBe(0);
    expect(p.credentialSubject.achievement.creditsAvailable).toBe(0);
    expect(p.credentialSubject).not.toHaveProperty("result");
    expect(p.credentialSubject.achievement).not.toHaveProperty("resultDescription");
  });

  it("gives every credential its own random id and place in the list", async () => {
    const a = await issuedCredential();
    const b = await issuedCredential();
    expect(a.id).not.toBe(b.id);
    expect((await credentialRow(a.id)).statusIndex).not.toBe(
      (await credentialRow(b.id)).statusIndex,
    );
  });
});
