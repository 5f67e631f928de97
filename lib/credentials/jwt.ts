import { and, eq, isNull } from "drizzle-orm";
import { createLocalJWKSet, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { getDb } from "@/db";
import { credentialTemplates, credentials } from "@/db/schema";
import { now } from "@/lib/clock";
import { signingKey } from "@/lib/keys";
import { publishedJwks } from "./jwks";
import { wholeCredential } from "./stored";
import { credentialKidUrl } from "./urls";

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * A VC-JWT as Open Badges 3.0 specifies it (§8.2): header `alg` RS256, `typ` JWT, `kid` a URL
 * resolving to one JWK; claims `iss` (issuer id), `sub` (subject id), `jti` (credential id),
 * `nbf` (its issuance), `iat` (the signing), and the credential itself under `vc`.
 */
export async function signVcJwt(
  vc: { id: string; issuer: { id: string } | string; credentialSubject: { id?: string } },
  issuedAt: Date,
): Promise<string> {
  const key = await signingKey("credential");
  const jwt = new SignJWT({ vc })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: credentialKidUrl(key.kid) })
    .setIssuer(typeof vc.issuer === "string" ? vc.issuer : vc.issuer.id)
    .setJti(vc.id)
    .setNotBefore(seconds(issuedAt))
    .setIssuedAt(seconds(now()));
  if (vc.credentialSubject.id) jwt.setSubject(vc.credentialSubject.id);
  return jwt.sign(key.key);
}

/** Verify a VC-JWT with our published keys only (the document /.well-known/jwks.json answers). */
export async function verifyVcJwt(jwt: string): Promise<JWTPayload & { vc?: unknown }> {
  const keys = createLocalJWKSet(await publishedJwks());
  const { payload } = await jwtVerify(jwt, keys, {
    algorithms: ["RS256"],
    typ: "JWT",
    currentDate: now(),
  });
  return payload;
}

/**
 * The credential's signed VC-JWT, made on first request and kept. Two first readers may both
 * sign; `where jwt is null` lets exactly one store, and both answer the stored one. Runs outside
 * any transaction (PGlite has one connection): call it after the issuing transaction committed.
 * Null for an unknown id.
 */
export async function credentialJwt(id: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      jwt: credentials.jwt,
      payload: credentials.payload,
      template: credentialTemplates.body,
      issuedAt: credentials.issuedAt,
    })
    .from(credentials)
    .leftJoin(credentialTemplates, eq(credentialTemplates.hash, credentials.templateHash))
    .where(eq(credentials.id, id));
  if (!row) return null;
  if (row.jwt) return row.jwt;
  const signed = await signVcJwt(wholeCredential(row.payload, row.template), row.issuedAt);
  const [stored] = await db
    .update(credentials)
    .set({ jwt: signed })
    .where(and(eq(credentials.id, id), isNull(credentials.jwt)))
    .returning({ jwt: credentials.jwt });
  if (stored?.jwt) return stored.jwt;
  const [winner] = await db
    .select({ jwt: credentials.jwt })
    .from(credentials)
    .where(eq(credentials.id, id));
  return winner?.jwt ?? null;
}
