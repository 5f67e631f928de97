import { beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { getDb } from "@/db";
import type { Viewer } from "@/lib/auth/load-principal";
import { GET as officeCsv } from "@/app/[locale]/(admin)/admin/finance/statements/csv/route";
import { GET as institutionCsv } from "@/app/[locale]/(institution)/institution/[slug]/statements/csv/route";
import { buyInSandbox, learner, lineFor, sellerWithCourse } from "../support/commerce-fixtures";
import { createUser, mustViewer } from "../support/fixtures";

const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));

beforeAll(async () => {
  await getDb();
});

function monthNow(): string {
  // The sale below happens now; its month in Shanghai (UTC+8, no summer time).
  const shanghai = new Date(Date.now() + 8 * 3600_000);
  return shanghai.toISOString().slice(0, 7);
}

const req = (path: string) => new NextRequest(`http://localhost${path}`);

describe("[FINANCE] statement CSV routes", () => {
  it("serve an institution's month as UTF-8 CSV with a BOM, to its finance staff only", async () => {
    const { course, seller, sellerFinance } = await sellerWithCourse();
    const me = await learner();
    await buyInSandbox(me, { buyer: "self", lines: [await lineFor(course.id, "learner")] });
    const period = monthNow();
    const call = (locale: string, q = `?period=${period}`) =>
      institutionCsv(req(`/${locale}/institution/${seller.slug}/statements/csv${q}`), {
        params: Promise.resolve({ locale, slug: seller.slug }),
      });

    session.viewer = null;
    expect((await call("en")).status).toBe(401);

    session.viewer = sellerFinance;
    const res = await call("zh-CN");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="statement-${seller.slug}-${period}.csv"`,
    );
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await res.text();
    const [head, row] = text.split("\r\n");
    expect(head).toBe(
      "成员,月份,币种,销售额,联盟服务费,卖方分成,退款,退还服务费,退还分成,应付净额,经 Stripe Connect 支付,待银行转账支付,已结算,结算流水号,未结算",
    );
    expect(row).toBe(
      `${seller.nameZh},${period},CNY,199.00,19.90,179.10,0.00,0.00,0.00,179.10,179.10,0.00,0.00,,0.00`,
    );
    expect((await call("en", "?period=2026-13")).status).toBe(400);
    expect((await call("fr")).status).toBe(404);

    // Another institution's finance, and the alliance's own finance, get not found here.
    session.viewer = (await sellerWithCourse()).sellerFinance;
    expect((await call("en")).status).toBe(404);
  });

  it("serve the alliance's totals to alliance finance only", async () => {
    const call = () =>
      officeCsv(req(`/en/admin/finance/statements/csv?period=${monthNow()}`), {
        params: Promise.resolve({ locale: "en" }),
      });
    session.viewer = (await sellerWithCourse()).sellerFinance;
    expect((await call()).status).toBe(404);
    session.viewer = await mustViewer((await createUser({ platformRole: "finance" })).id);
    const res = await call();
    expect(res.status).toBe(200);
    const text = await res.text();
    // (Response.text() drops the BOM, as UTF-8 decoding does.)
    expect(text.startsWith("Member,Month,Currency,Sales,")).toBe(true);
  });
});
