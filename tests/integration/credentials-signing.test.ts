import fs from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type JWK,
} from "jose";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { GET as jwksRoute } from "@/app/.well-known/jwks.json/route";
import { GET as kidRoute } from "@/app/.well-known/jwks/[kid]/route";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { credentials } from "@/db/schema";
import { credentialJwt } from "@/lib/credentials/jwt";
import type { AchievementCredential } from "@/lib/credentials/payload";
import { getCredentialVerification } from "@/lib/credentials/queries";
import { resetEnvCache } from "@/lib/env";
import { publicJwk, resetKeysForTests } from "@/lib/keys";
import { credentialRow, issuedCredential } from "../support/credential-fixtures";

const saved = { ...process.env };
const tempDirs: string[] = [];

function useEnv(over: Record<string, string | undefined>) {
  process.env = { ...saved, ...over };
  for (const [k, v] of Object.entries(over)) if (v === undefined) delete process.env[k];
  resetEnvCache();
  resetKeysForTests();
}

afterEach(() => useEnv({}));
afterAll(async () => {
  for (const d of tempDirs) await rm(d, { recursive: true, force: true });
});

async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "cbx-creds-"));
  tempDirs.push(dir);
  return dir;
}

async function rsaKey(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
}

/** Only the document the /.well-known/jwks.json route answers: what any verifier can fetch. */
async function publishedDocument(): Promise<{ keys: JWK[] }> {
  const res = await jwksRoute();
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  return (await res.json()) as { keys: JWK[] };
}

async function verifyWithPublishedKeys(jwt: string) {
  return jwtVerify(jwt, createLocalJWKSet(await publishedDocument()), { algorithms: ["RS256"] });
}

const kidRequest = (kid: string) =>
  kidRoute(new Request(`http://exchange.test/.well-known/jwks/${kid}`), {
    params: Promise.resolve({ kid }),
  });

/** The JWT with one byte of one of its parts changed (decoded, changed, encoded again). */
function withOneByteChanged(jwt: string, part: 1 | 2): string {
  const parts = jwt.split(".");
  const bytes = Buffer.from(parts[part]!, "base64url");
  // In the payload, a byte inside the credential's text (JSON stays well-formed); in the
  // signature, one in the middle.
  const at = part === 1 ? bytes.indexOf(Buffer.from("Management")) + 1 : bytes.length >> 1;
  expect(at).toBeGreaterThan(0);
  bytes[at] = bytes[at]! ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("[CREDENTIALS] the VC-JWT", () => {
  it("verifies with a stock JWT library given only our JWKS document; header and claims as OB 3.0 says", async () => {
    const c = await issuedCredential({ locale: "en" });
    const jwt = (await credentialJwt(c.id))!;
    const { payload, protectedHeader } = await verifyWithPublishedKeys(jwt);
    const stored = (await credentialRow(c.id)).payload as AchievementCredential;

    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(protectedHeader.kid).toMatch(/^http:\/\/exchange\.test\/\.well-known\/jwks\/[^/]+$/);
    expect(payload.iss).toBe("http://exchange.test");
    expect(payload.sub).toBe(`urn:cbae:account:${c.account.number}`);
    expect(payload.jti).toBe(`urn:uuid:${c.id}`);
    expect(payload.nbf).toBe(Math.floor(c.at.getTime() / 1000));
    expect(typeof payload.iat).toBe("number");
    expect(payload.vc).toEqual(stored);

    // The kid is a URL that answers exactly one JWK: the public key that verifies this JWT.
    const segment = protectedHeader.kid!.split("/").at(-1)!;
    for (const asRouted of [segment, decodeURIComponent(segment)]) {
      const res = await kidRequest(asRouted);
      expect(res.status).toBe(200);
      const jwk = (await res.json()) as JWK;
      expect(jwk.kid).toBe(protectedHeader.kid);
      expect(jwk).not.toHaveProperty("d");
      await expect(
        jwtVerify(jwt, createLocalJWKSet({ keys: [jwk] }), { algorithms: ["RS256"] }),
      ).resolves.toBeDefined();
    }
    for (const unknown of ["nope", "ledger-x", "%E0%A4%A"]) {
      const res = await kidRequest(unknown);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
  });

  it("publishes every public key of both purposes, and no private part", async () => {
    const doc = await publishedDocument();
    const credentialKeys = doc.keys.filter((k) => k.kty === "RSA");
    const ledgerKeys = doc.keys.filter((k) => k.kty === "OKP");
    expect(credentialKeys.length).toBeGreaterThan(0);
    expect(ledgerKeys.length).toBeGreaterThan(0);
    expect(
      credentialKeys.every((k) => k.kid?.startsWith("http://exchange.test/.well-known/jwks/")),
    ).toBe(true);
    expect(ledgerKeys.every((k) => k.alg === "EdDSA" && !k.kid?.includes("/"))).toBe(true);
    for (const k of doc.keys) {
      for (const secret of ["d", "p", "q", "dp", "dq", "qi", "k"])
        expect(k).not.toHaveProperty(secret);
    }
  });

  it("is signed once, on first read, and every reader gets the same token", async () => {
    const c = await issuedCredential();
    const [a, b] = await Promise.all([credentialJwt(c.id), credentialJwt(c.id)]);
    expect(a).toBe(b);
    expect((await credentialRow(c.id)).jwt).toBe(a);
    expect(await credentialJwt(c.id)).toBe(a);
    expect(await credentialJwt("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("fails verification with one changed byte, in the payload or in the signature", async () => {
    const c = await issuedCredential({ locale: "en" });
    const jwt = (await credentialJwt(c.id))!;
    await expect(verifyWithPublishedKeys(jwt)).resolves.toBeDefined();
    for (const part of [1, 2] as const) {
      const altered = withOneByteChanged(jwt, part);
      expect(altered).not.toBe(jwt);
      await expect(verifyWithPublishedKeys(altered)).rejects.toMatchObject({
        code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
      });
    }
  });

  it("is not genuine on /verify when the stored token or the stored credential was altered", async () => {
    const c = await issuedCredential({ locale: "en" });
    const jwt = (await credentialJwt(c.id))!;
    expect((await getCredentialVerification(c.id))!.isGenuine).toBe(true);
    const db = await getDb();
    await db
      .update(credentials)
      .set({ jwt: withOneByteChanged(jwt, 1) })
      .where(eq(credentials.id, c.id));
    expect((await getCredentialVerification(c.id))!.isGenuine).toBe(false);

    // A well-signed token whose credential no longer matches the record is not genuine either.
    const row = await credentialRow(c.id);
    const payload = structuredClone(row.payload) as AchievementCredential;
    payload.credentialSubject.creditsEarned = 99;
    await db.update(credentials).set({ jwt, payload }).where(eq(credentials.id, c.id));
    expect((await getCredentialVerification(c.id))!.isGenuine).toBe(false);
  });

  it("keeps verifying after the key is rotated; new credentials carry the new kid", async () => {
    const oldKey = await rsaKey("credential-old");
    useEnv({ CREDENTIAL_SIGNING_JWKS: JSON.stringify({ keys: [oldKey] }) });
    const before = await issuedCredential();
    const oldJwt = (await credentialJwt(before.id))!;
    expect(decodeProtectedHeader(oldJwt).kid).toBe(
      "http://exchange.test/.well-known/jwks/credential-old",
    );

    // Rotation: the new key first; the old one kept, retired (its public part only).
    const newKey = await rsaKey("credential-new");
    useEnv({ CREDENTIAL_SIGNING_JWKS: JSON.stringify({ keys: [newKey, publicJwk(oldKey)] }) });
    await expect(verifyWithPublishedKeys(oldJwt)).resolves.toBeDefined();
    const after = await issuedCredential();
    const newJwt = (await credentialJwt(after.id))!;
    expect(decodeProtectedHeader(newJwt).kid).toBe(
      "http://exchange.test/.well-known/jwks/credential-new",
    );
    await expect(verifyWithPublishedKeys(newJwt)).resolves.toBeDefined();
    expect((await kidRequest("credential-old")).status).toBe(200);
    expect((await getCredentialVerification(before.id))!.isGenuine).toBe(true);

    // Dropping the old key altogether would break it: the JWKS is what keeps it verifying.
    useEnv({ CREDENTIAL_SIGNING_JWKS: JSON.stringify({ keys: [newKey] }) });
    await expect(verifyWithPublishedKeys(oldJwt)).rejects.toMatchObject({
      code: "ERR_JWKS_NO_MATCHING_KEY",
    });
  });

  it("still verifies after a restart with the demo keys generated once into DATA_DIR/keys", async () => {
    const dataDir = await freshDataDir();
    useEnv({ DATA_DIR: dataDir, CREDENTIAL_SIGNING_JWKS: undefined });
    const c = await issuedCredential();
    const jwt = (await credentialJwt(c.id))!;
    const keyFile = path.join(dataDir, "keys", "credential.jwks.json");
    expect(fs.existsSync(keyFile)).toBe(true);

    // A restart: the process forgets its keys and reads them again from the data directory.
    resetEnvCache();
    resetKeysForTests();
    await expect(verifyWithPublishedKeys(jwt)).resolves.toBeDefined();
    const next = await issuedCredential();
    expect(decodeProtectedHeader((await credentialJwt(next.id))!).kid).toBe(
      decodeProtectedHeader(jwt).kid,
    );
    expect((await getCredentialVerification(c.id))!.isGenuine).toBe(true);
  });
});
