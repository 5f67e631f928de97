import type * as NextServer from "next/server";
import { NextRequest, NextResponse } from "next/server";
import {
  createLocalJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  type JWK,
  type JWTPayload,
} from "jose";
import { describe, expect, it, vi } from "vitest";
import { GET as jwksRoute } from "@/app/.well-known/jwks.json/route";
import { GET as credentialRoute } from "@/app/api/v1/credentials/[id]/route";
import { GET as revocationRoute } from "@/app/api/v1/credentials/status/revocation/route";
import { GET as downloadRoute } from "@/app/api/credentials/[id]/download/route";
import VerifyPage from "@/app/[locale]/verify/[id]/page";
import { getDb } from "@/db";
import type { Viewer } from "@/lib/auth/load-principal";
import { setCredentialStatus } from "@/lib/credentials/status";
import { decodeStatusList, isBitSet } from "@/lib/credentials/status-list";
import { getCredentialVerification } from "@/lib/credentials/queries";
import proxy from "@/proxy";
import { learner } from "../support/commerce-fixtures";
import { credentialRow, issuedCredential } from "../support/credential-fixtures";

// connection() only marks work as per-request for Next's prerenderer; outside a Next request it
// throws, so it is a no-op here and everything after it runs for real.
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof NextServer>()),
  connection: async () => {},
}));
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));
// next-intl's middleware does not load outside Next: a stand-in that records what reached it.
const intl = vi.hoisted(() => ({ paths: [] as string[] }));
vi.mock("next-intl/middleware", () => ({
  default: () => (request: NextRequest) => {
    intl.paths.push(request.nextUrl.pathname);
    return NextResponse.next();
  },
}));

const UNKNOWN = "6f1c1d2e-0000-4000-8000-000000000000";
const MALFORMED = ["not-a-credential", "6f1c1d2e", `${UNKNOWN}x`, "'; select 1; --", "%00"];

async function document(): Promise<{ keys: JWK[] }> {
  return (await (await jwksRoute()).json()) as { keys: JWK[] };
}

const getCredential = (id: string) =>
  credentialRoute(new Request(`http://exchange.test/api/v1/credentials/${id}`), {
    params: Promise.resolve({ id }),
  });

async function revocationList() {
  const res = await revocationRoute();
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/vc+jwt");
  const jwt = await res.text();
  const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(await document()), {
    algorithms: ["RS256"],
  });
  return { payload, protectedHeader, bits: decodeStatusList(listOf(payload).encodedList) };
}

type ListVc = { credentialSubject: { type: string; statusPurpose: string; encodedList: string } };
const listOf = (payload: JWTPayload) => (payload.vc as ListVc).credentialSubject;

function setBits(bits: Uint8Array): number[] {
  const out: number[] = [];
  bits.forEach((b, i) => {
    for (let j = 0; j < 8; j++) if (b & (0x80 >> j)) out.push(i * 8 + j);
  });
  return out;
}

async function changeStatus(completionId: string, status: "active" | "suspended" | "revoked") {
  const db = await getDb();
  await db.transaction((tx) => setCredentialStatus(tx, [completionId], status, "test"));
}

describe("[CREDENTIALS] GET /api/v1/credentials/{id}", () => {
  it("answers the status, signed JWT, payload, verify URL and issue time to anyone", async () => {
    const c = await issuedCredential();
    const res = await getCredential(c.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await res.json()) as Record<string, unknown>;
    const row = await credentialRow(c.id);
    expect(body).toEqual({
      id: c.id,
      status: "active",
      jwt: row.jwt,
      credential: row.payload,
      verifyUrl: `http://exchange.test/verify/${c.id}`,
      issuedAt: c.at.toISOString(),
    });
    const { payload } = await jwtVerify(body.jwt as string, createLocalJWKSet(await document()));
    expect(payload.vc).toEqual(body.credential);
  });

  it("shows a suspension (and its lifting) though the revocation list does not", async () => {
    const c = await issuedCredential();
    const index = (await credentialRow(c.id)).statusIndex;
    await changeStatus(c.completion.id, "suspended");
    expect(await (await getCredential(c.id)).json()).toMatchObject({ status: "suspended" });
    expect(await getCredentialVerification(c.id)).toMatchObject({
      status: "suspended",
      isGenuine: true,
    });
    expect(isBitSet((await revocationList()).bits, index)).toBe(false);
    await changeStatus(c.completion.id, "active");
    expect(await (await getCredential(c.id)).json()).toMatchObject({ status: "active" });
  });

  it("answers 404 JSON for unknown and malformed ids", async () => {
    for (const id of [UNKNOWN, ...MALFORMED]) {
      const res = await getCredential(id);
      expect(res.status, id).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
  });
});

describe("[CREDENTIALS] the revocation list", () => {
  it("is a signed BitstringStatusListCredential; revoking sets exactly the credential's bit", async () => {
    const c = await issuedCredential();
    const other = await issuedCredential();
    const index = (await credentialRow(c.id)).statusIndex;
    const before = await revocationList();
    expect(before.protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(before.payload).toMatchObject({
      iss: "http://exchange.test",
      jti: "http://exchange.test/api/v1/credentials/status/revocation",
    });
    expect(before.payload.vc).toMatchObject({
      id: "http://exchange.test/api/v1/credentials/status/revocation",
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      credentialSubject: { type: "BitstringStatusList", statusPurpose: "revocation" },
    });
    expect(isBitSet(before.bits, index)).toBe(false);

    await changeStatus(c.completion.id, "revoked");
    const after = await revocationList();
    const changed = setBits(after.bits.map((b, i) => b ^ before.bits[i]!));
    expect(changed).toEqual([index]);
    expect(isBitSet(after.bits, (await credentialRow(other.id)).statusIndex)).toBe(false);
    // The credential names the list, and its index, that now says revoked.
    const p = (await credentialRow(c.id)).payload as { credentialStatus: Record<string, string> };
    expect(p.credentialStatus.statusListCredential).toBe(after.payload.jti);
    expect(Number(p.credentialStatus.statusListIndex)).toBe(index);
    expect(await (await getCredential(c.id)).json()).toMatchObject({ status: "revoked" });
    expect(await getCredentialVerification(c.id)).toMatchObject({ status: "revoked" });

    // Revoked is final: a later "active" changes nothing.
    await changeStatus(c.completion.id, "active");
    expect(isBitSet((await revocationList()).bits, index)).toBe(true);
  });
});

describe("[CREDENTIALS] /verify/<id>", () => {
  it("gives the page what was achieved, the ledger entry, and no e-mail or account number", async () => {
    const c = await issuedCredential({ creditsX100: 300 });
    const v = (await getCredentialVerification(c.id))!;
    expect(v).toMatchObject({
      id: c.id,
      status: "active",
      isGenuine: true,
      title: { zh: "管理会计学", en: "Management Accounting" },
      institution: { zh: c.seller.nameZh, en: c.seller.nameEn },
      creditsX100: 300,
      level: 6,
      field: { code: "041" },
      completedOn: c.completion.completedOn,
      holderName: null,
      entry: { seq: c.entry!.seq, hash: c.entry!.hash },
    });
    const text = JSON.stringify(v);
    for (const secret of [c.learner.email, c.account.number, c.account.id, c.learner.userId]) {
      expect(text).not.toContain(secret);
    }
  });

  it("names the holder only when they opted in, and has no entry for 0 credits", async () => {
    const named = await issuedCredential({ nameOnCredentials: true });
    expect((await getCredentialVerification(named.id))!.holderName).toBe(named.learner.name);
    const zero = await issuedCredential({ creditsX100: 0 });
    expect(await getCredentialVerification(zero.id)).toMatchObject({
      entry: null,
      isGenuine: true,
    });
  });

  it("is the not-found page for unknown and malformed ids, never an error", async () => {
    for (const id of [UNKNOWN, ...MALFORMED]) {
      expect(await getCredentialVerification(id)).toBeNull();
      await expect(
        VerifyPage({ params: Promise.resolve({ locale: "en", id }) }),
      ).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
    }
  });

  it("is reached without a language (proxy.ts hands it to the locale redirect); keys are not", () => {
    intl.paths.length = 0;
    const id = UNKNOWN;
    proxy(new NextRequest(`http://exchange.test/verify/${id}`));
    expect(intl.paths).toEqual([`/verify/${id}`]);
    for (const path of [
      "/.well-known/jwks.json",
      "/.well-known/jwks/credential-2026-01-01-abcd",
      "/api/v1/credentials/status/revocation",
    ]) {
      const res = proxy(new NextRequest(`http://exchange.test${path}`));
      expect(res.headers.get("location"), path).toBeNull();
      expect(res.headers.get("content-security-policy"), path).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
    expect(intl.paths).toEqual([`/verify/${id}`]);
  });
});

describe("[CREDENTIALS] GET /api/credentials/{id}/download", () => {
  const download = (id: string) =>
    downloadRoute(new Request(`http://exchange.test/api/credentials/${id}/download`), {
      params: Promise.resolve({ id }),
    });

  it("gives the learner their own signed credential as a file, and nobody else", async () => {
    const c = await issuedCredential();
    session.viewer = c.learner;
    const res = await download(c.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vc+jwt");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="credential-${c.id}.jwt"`,
    );
    const jwt = await res.text();
    expect(jwt).toBe((await credentialRow(c.id)).jwt);
    expect(decodeProtectedHeader(jwt).typ).toBe("JWT");

    for (const viewer of [await learner(), null]) {
      session.viewer = viewer;
      const refused = await download(c.id);
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
    session.viewer = c.learner;
    for (const id of [UNKNOWN, ...MALFORMED]) expect((await download(id)).status).toBe(404);
    session.viewer = null;
  });
});
