import { beforeAll, describe, expect, it, vi } from "vitest";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { getDb } from "@/db";
import type { Viewer } from "@/lib/auth/load-principal";
import { canonicalJson } from "@/lib/api/canonical-json";
import { GENESIS_HASH, sha256Hex } from "@/lib/ledger/hash";
import type { TranscriptJson } from "@/lib/ledger/transcript-json";
import type { MyLedgerPage } from "@/lib/ledger/queries";
import { GET as getPdf } from "@/app/[locale]/(learner)/learn/transcript/pdf/route";
import { GET as getJson } from "@/app/[locale]/(learner)/learn/transcript/json/route";
import { GET as getMyLedger } from "@/app/api/v1/me/ledger/route";
import { apiRequest, institutionWithOwner, issueApiKey } from "../support/api-fixtures";
import { learner, sellerWithCourse } from "../support/commerce-fixtures";
import { appendFor, depositFor } from "../support/ledger-fixtures";

const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));

const call = (route: typeof getPdf, locale: string) =>
  route(new Request(`http://exchange.test/${locale}/learn/transcript/x`), {
    params: Promise.resolve({ locale }),
  });

/** A learner with two deposits (zh and en titles) and the reversal of the second. */
async function learnerWithEntries() {
  const me = await learner();
  const a = await sellerWithCourse({ level: 6, fieldCode: "041", creditsX100: 300 });
  const b = await sellerWithCourse({
    level: 5,
    fieldCode: "061",
    creditsX100: 200,
    titleZh: "数据结构",
    titleEn: "Data Structures",
  });
  await depositFor(me, a);
  const second = await depositFor(me, b);
  await appendFor(me.userId, {
    kind: "reversal",
    creditsX100: -200,
    reversesEntryId: second.entry.id,
  });
  return me;
}

let owner: Viewer;
beforeAll(async () => {
  await getDb();
  owner = await learnerWithEntries();
});

/** The names of the fonts a PDF embeds (each FontDescriptor's FontName). */
function embeddedFontNames(doc: PDFDocument): string[] {
  const names: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    if (obj.get(PDFName.of("Type")) !== PDFName.of("FontDescriptor")) continue;
    const name = obj.get(PDFName.of("FontName"));
    const file = obj.get(PDFName.of("FontFile2"));
    if (name instanceof PDFName && file) names.push(name.decodeText());
  }
  return names;
}

describe("[LEDGER] transcript exports", () => {
  it("JSON: every entry of the owner's chain, each hash recomputable from its hashed object", async () => {
    session.viewer = owner;
    const res = await call(getJson, "en");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const body = (await res.json()) as TranscriptJson;
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="transcript-${body.accountNumber}.json"`,
    );
    expect(body).toMatchObject({ format: "cbx-transcript", version: 1, hashVersion: 1 });
    expect(Number.isNaN(Date.parse(body.generatedAt))).toBe(false);
    expect(body.entries.map((e) => [e.seq, e.kind, e.creditsX100])).toEqual([
      [1, "deposit", 300],
      [2, "deposit", 200],
      [3, "reversal", -200],
    ]);
    expect(body.entries[1]).toMatchObject({ titleZh: "数据结构", titleEn: "Data Structures" });
    expect(body.balances.banked).toEqual({ creditsX100: 300, frozenX100: 0 });
    let prev = GENESIS_HASH;
    for (const e of body.entries) {
      expect(e.prevHash).toBe(prev);
      expect(e.hashed).toMatchObject({ seq: e.seq, prevHash: prev, kind: e.kind });
      expect(sha256Hex(canonicalJson(e.hashed))).toBe(e.hash);
      prev = e.hash;
    }
  });

  it("PDF: parses back, one page, the CJK font embedded as a small subset, in either language", async () => {
    session.viewer = owner;
    for (const locale of ["zh-CN", "en"]) {
      const res = await call(getPdf, locale);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toMatch(
        new RegExp(`^attachment; filename="transcript-CB-\\d{4}-\\d{7}-[0-9X]-${locale}\\.pdf"$`),
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
      // Subset: tens of kilobytes, where the whole font is 10 MB.
      expect(bytes.byteLength).toBeLessThan(150_000);
      const doc = await PDFDocument.load(bytes);
      expect(doc.getPageCount()).toBe(1);
      const fonts = embeddedFontNames(doc);
      expect(fonts).toHaveLength(1);
      expect(fonts[0]).toMatch(/^NotoSansSC-Regular/);
      expect(doc.getTitle()).toBe(
        locale === "zh-CN" ? "学分银行联盟 · 成绩单" : "Credit Bank Alliance · Transcript",
      );
      expect(doc.getSubject()).toMatch(/^CB-/);
    }
  });

  it("serve each person their own transcript only; signed out is 401, an unknown language 404", async () => {
    const other = await learner();
    session.viewer = other;
    const theirs = (await (await call(getJson, "en")).json()) as TranscriptJson;
    expect(theirs.entries).toEqual([]);
    session.viewer = owner;
    const mine = (await (await call(getJson, "en")).json()) as TranscriptJson;
    expect(theirs.accountNumber).not.toBe(mine.accountNumber);
    const pdf = await PDFDocument.load(
      new Uint8Array(await (await call(getPdf, "en")).arrayBuffer()),
    );
    expect(pdf.getSubject()).toBe(mine.accountNumber);

    session.viewer = null;
    for (const route of [getJson, getPdf]) {
      const res = await call(route, "en");
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "UNAUTHENTICATED",
      );
    }
    session.viewer = owner;
    expect((await call(getPdf, "fr")).status).toBe(404);
  });
});

describe("[API] GET /api/v1/me/ledger", () => {
  it("pages the session learner's entries in chain order, with the balances of all of them", async () => {
    session.viewer = owner;
    const first = await getMyLedger(apiRequest("/api/v1/me/ledger?page=1&pageSize=2"));
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const one = (await first.json()) as MyLedgerPage;
    expect(one).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(one.entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(one.entries[0]).toMatchObject({ kind: "deposit", creditsX100: 300, level: 6 });
    expect(one.entries[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(one.balances.banked.creditsX100).toBe(300);
    expect(one.balances.byLevel.map((g) => g.level)).toEqual([6]);

    const two = (await (
      await getMyLedger(apiRequest("/api/v1/me/ledger?page=2&pageSize=2"))
    ).json()) as MyLedgerPage;
    expect(two.entries.map((e) => [e.seq, e.kind, e.reversesSeq])).toEqual([[3, "reversal", 2]]);
    expect(two.entries[0]!.prevHash).toBe(one.entries[1]!.hash);
    expect(two.accountNumber).toBe(one.accountNumber);

    const all = (await (await getMyLedger(apiRequest("/api/v1/me/ledger"))).json()) as MyLedgerPage;
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(all.entries).toHaveLength(3);
  });

  it("refuses bad paging with 400 naming the field, and never answers for someone else", async () => {
    session.viewer = owner;
    for (const q of ["page=0", "pageSize=101", "pageSize=x", "page=2.5", "cursor=abc"]) {
      const res = await getMyLedger(apiRequest(`/api/v1/me/ledger?${q}`));
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { error: { code: string; details?: object } };
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(Object.keys(body.error.details ?? {})).toHaveLength(1);
    }
    session.viewer = await learner();
    const theirs = (await (
      await getMyLedger(apiRequest("/api/v1/me/ledger"))
    ).json()) as MyLedgerPage;
    expect(theirs).toMatchObject({ total: 0, entries: [] });
  });

  it("401 without a session; an API key is refused (403), a bad key 401", async () => {
    session.viewer = null;
    const none = await getMyLedger(apiRequest("/api/v1/me/ledger"));
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");

    const { institution } = await institutionWithOwner();
    const key = await issueApiKey(institution.slug, ["catalogue:read", "completions:write"]);
    // Even with a session alongside it, a key never reads a learner's ledger.
    session.viewer = owner;
    const keyed = await getMyLedger(apiRequest("/api/v1/me/ledger", { key: key.key }));
    expect(keyed.status).toBe(403);
    expect(((await keyed.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    const bad = await getMyLedger(apiRequest("/api/v1/me/ledger", { key: "cbx_nope" }));
    expect(bad.status).toBe(401);
  });
});
