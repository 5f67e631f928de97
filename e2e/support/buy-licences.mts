// For e2e/licences.spec.ts: the demo's OUCHN finance buys seats and a site licence of another
// member's published courses in the sandbox, through the same services a checkout page uses.
// Run with the e2e server's DATABASE_URL (PostgreSQL); prints the licence ids as JSON.
import { and, eq, ne } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import * as s from "@/db/schema";
import { loadViewer } from "@/lib/auth/load-principal";
import { placeOrder } from "@/lib/commerce/checkout";
import { decideSandboxPayment, startPayment } from "@/lib/commerce/pay";
import { isAppError } from "@/lib/errors";

const db = await getDb();
try {
  const [u] = await db.select().from(s.users).where(eq(s.users.email, "finance@ouchn.demo"));
  const finance = (await loadViewer(db, u!.id, u!.sessionVersion))!;
  const [ouchn] = await db.select().from(s.institutions).where(eq(s.institutions.slug, "ouchn"));
  const offers = await db
    .select({ o: s.resourceOffers, capacity: s.resourceVersions.capacity })
    .from(s.resourceOffers)
    .innerJoin(s.resources, eq(s.resources.id, s.resourceOffers.resourceId))
    .innerJoin(s.resourceVersions, eq(s.resourceVersions.id, s.resources.liveVersionId))
    .where(and(eq(s.resources.status, "published"), ne(s.resources.institutionId, ouchn!.id)));
  const bought: Record<string, string> = {};
  const wanted = [
    ["seats", offers.filter((x) => x.o.kind === "seat")],
    ["site", offers.filter((x) => x.o.kind === "site_licence" && x.capacity === null)],
  ] as const;
  for (const [name, candidates] of wanted) {
    // The first offer that can be bought now (some demo courses' enrolment windows are closed).
    for (const { o } of candidates) {
      const placed = await placeOrder(finance, {
        buyer: "ouchn",
        locale: "en",
        lines: [
          {
            resourceId: o.resourceId,
            offerKind: o.kind,
            quantity: o.kind === "seat" ? o.minQuantity : 1,
            expectedUnitAmountMinor: o.amountMinor,
            expectedCurrency: o.currency,
          },
        ],
      }).catch((e: unknown) => {
        if (isAppError(e)) return null;
        throw e;
      });
      if (!placed) continue;
      if (placed.status !== "paid") {
        const url = await startPayment(finance, { orderId: placed.orderId });
        const sessionId = url.split("/").at(-1)!;
        await decideSandboxPayment(finance, { sessionId, decision: "confirm" });
      }
      const [lic] = await db
        .select({ id: s.licences.id })
        .from(s.licences)
        .innerJoin(s.orderLines, eq(s.orderLines.id, s.licences.orderLineId))
        .where(eq(s.orderLines.orderId, placed.orderId));
      bought[name] = lic!.id;
      break;
    }
    if (!bought[name]) throw new Error(`no ${name} offer could be bought`);
  }
  console.log(JSON.stringify(bought));
} finally {
  await closeDb();
}
