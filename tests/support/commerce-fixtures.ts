import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { placeOrder, type PlacedOrder } from "@/lib/commerce/checkout";
import { decideSandboxPayment, startPayment } from "@/lib/commerce/pay";
import { drainJobs } from "@/lib/jobs/workers";
import { jobHandlers } from "@/lib/jobs/handlers";
import { editorAndAdmin, publishedResource } from "./catalogue-fixtures";
import { addMember, createInstitution, createUser, mustViewer } from "./fixtures";

/** A seller with one published course (learner 199.00, seats 150.00 from 10) and its admin. */
export async function sellerWithCourse(over: Record<string, unknown> = {}) {
  const { inst, editor, admin, actor } = await editorAndAdmin();
  const course = await publishedResource(actor, admin, inst.slug, over);
  const financeUser = await createUser();
  await addMember(inst.id, financeUser.id, "finance");
  return { seller: inst, editor, admin, course, sellerFinance: await mustViewer(financeUser.id) };
}

export async function learner(): Promise<Viewer> {
  return mustViewer((await createUser()).id);
}

/** An institution with a finance member who buys for it. */
export async function buyingInstitution() {
  const inst = await createInstitution();
  const u = await createUser();
  await addMember(inst.id, u.id, "finance");
  return { inst, finance: await mustViewer(u.id) };
}

export async function offerOf(resourceId: string, kind: "learner" | "seat" | "site_licence") {
  const db = await getDb();
  const [o] = await db
    .select()
    .from(s.resourceOffers)
    .where(eq(s.resourceOffers.resourceId, resourceId));
  const all = await db
    .select()
    .from(s.resourceOffers)
    .where(eq(s.resourceOffers.resourceId, resourceId));
  const offer = all.find((x) => x.kind === kind) ?? o;
  if (!offer || offer.kind !== kind) throw new Error(`no ${kind} offer`);
  return offer;
}

/** The checkout line a page would post for an offer as it is now. */
export async function lineFor(
  resourceId: string,
  kind: "learner" | "seat" | "site_licence",
  quantity = 1,
) {
  const offer = await offerOf(resourceId, kind);
  return {
    resourceId,
    offerKind: kind,
    quantity,
    expectedUnitAmountMinor: offer.amountMinor,
    expectedCurrency: offer.currency,
  };
}

/** Place an order and pay it in the sandbox: confirm or decline. */
export async function buyInSandbox(
  viewer: Viewer,
  input: { buyer: string; lines: Awaited<ReturnType<typeof lineFor>>[] },
  decision: "confirm" | "decline" = "confirm",
): Promise<PlacedOrder & { sessionId: string | null }> {
  const placed = await placeOrder(viewer, { ...input, locale: "en" });
  if (placed.status === "paid") return { ...placed, sessionId: null };
  const url = await startPayment(viewer, { orderId: placed.orderId });
  const sessionId = url.split("/").at(-1)!;
  await decideSandboxPayment(viewer, { sessionId, decision });
  return { ...placed, sessionId };
}

/** Run every queued job (refunds, transfers, reversals, mail) to the end. */
export async function runAllJobs(): Promise<void> {
  await drainJobs(jobHandlers, ["payments.refund", "payments.transfer", "payments.reverse"]);
}
