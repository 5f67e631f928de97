import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { getEnv } from "@/lib/env";

/**
 * Signing keys (PRODUCT.md §7). Two purposes, each its own JWK set: `ledger` (EdDSA, Ed25519)
 * signs checkpoints, `credential` (RS256) signs VC-JWTs and the status list. A set comes from
 * the environment (`LEDGER_SIGNING_JWKS`, `CREDENTIAL_SIGNING_JWKS`); production refuses to
 * start without them (lib/env.ts). The first key with a private part signs; every key in the set
 * is published (public parts only), so after a rotation — put the new key first, keep the old
 * one, with or without its private part — old checkpoints and credentials keep verifying. In
 * demo mode a set is generated once into `$DATA_DIR/keys/` and reused by every process and
 * restart (a per-process key would break credentials on restart and across instances).
 */
export type KeyPurpose = "ledger" | "credential";

const ALG: Record<KeyPurpose, "EdDSA" | "RS256"> = { ledger: "EdDSA", credential: "RS256" };
const ENV: Record<KeyPurpose, "LEDGER_SIGNING_JWKS" | "CREDENTIAL_SIGNING_JWKS"> = {
  ledger: "LEDGER_SIGNING_JWKS",
  credential: "CREDENTIAL_SIGNING_JWKS",
};

export type KeySet = { keys: JWK[] };
export type SigningKey = { kid: string; alg: "EdDSA" | "RS256"; key: CryptoKey };

const PRIVATE_PARTS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

/** A JWK with its private members removed. */
export function publicJwk(jwk: JWK): JWK {
  const pub: JWK = { ...jwk };
  for (const k of PRIVATE_PARTS) delete (pub as Record<string, unknown>)[k];
  return pub;
}

function parseSet(text: string, source: string, purpose: KeyPurpose): KeySet {
  let set: unknown;
  try {
    set = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not JSON (a JWK set {"keys": [...]} was expected)`);
  }
  const keys = (set as KeySet | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => typeof k?.kid !== "string")) {
    throw new Error(`${source} must be a JWK set whose keys all have a "kid"`);
  }
  if (!keys.some((k) => k.d)) throw new Error(`${source} has no private key to sign with`);
  const alg = ALG[purpose];
  for (const k of keys) {
    const kty = alg === "EdDSA" ? k.kty === "OKP" && k.crv === "Ed25519" : k.kty === "RSA";
    if (!kty) throw new Error(`${source}: key ${k.kid} is not an ${alg} key`);
  }
  return { keys };
}

async function generateSet(purpose: KeyPurpose): Promise<KeySet> {
  const alg = ALG[purpose];
  const { privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === "EdDSA" ? { crv: "Ed25519" } : { modulusLength: 2048 }),
  });
  const jwk = await exportJWK(privateKey);
  const kid = `${purpose}-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString("hex")}`;
  return { keys: [{ ...jwk, kid, alg, use: "sig" }] };
}

/** The demo set in `$DATA_DIR/keys/<purpose>.jwks.json`, made by whichever process comes first. */
async function demoSet(purpose: KeyPurpose): Promise<KeySet> {
  const dir = path.resolve(getEnv().DATA_DIR, "keys");
  const file = path.join(dir, `${purpose}.jwks.json`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    fs.writeFileSync(tmp, JSON.stringify(await generateSet(purpose)), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file); // atomic: fails if another process made it first
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    } finally {
      fs.unlinkSync(tmp);
    }
  }
  return parseSet(fs.readFileSync(file, "utf8"), file, purpose);
}

const sets = new Map<KeyPurpose, Promise<KeySet>>();

/** The JWK set of a purpose (private parts included): from the environment, else the demo file. */
export function keySet(purpose: KeyPurpose): Promise<KeySet> {
  let set = sets.get(purpose);
  if (!set) {
    const fromEnv = getEnv()[ENV[purpose]];
    set = fromEnv ? Promise.resolve(parseSet(fromEnv, ENV[purpose], purpose)) : demoSet(purpose);
    set.catch(() => sets.delete(purpose));
    sets.set(purpose, set);
  }
  return set;
}

/** The key that signs now: the set's first key with a private part. */
export async function signingKey(purpose: KeyPurpose): Promise<SigningKey> {
  const jwk = (await keySet(purpose)).keys.find((k) => k.d)!;
  const alg = ALG[purpose];
  return { kid: jwk.kid!, alg, key: (await importJWK({ ...jwk, alg }, alg)) as CryptoKey };
}

/** Every public key of a purpose, the retired ones included. */
export async function publicKeys(purpose: KeyPurpose): Promise<JWK[]> {
  const alg = ALG[purpose];
  return (await keySet(purpose)).keys.map((k) => ({ ...publicJwk(k), alg, use: "sig" }));
}

/** Tests: forget the cached sets (after changing the environment or the data directory). */
export function resetKeysForTests(): void {
  sets.clear();
}
