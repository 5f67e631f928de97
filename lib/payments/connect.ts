import { eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { paymentAccounts } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/load-principal";
import { now } from "@/lib/clock";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getInstitutionForStaff } from "@/lib/institutions/staff";
import { withInstitution } from "@/lib/institutions/with-institution";
import { paymentsMode } from "./index";
import { getStripe, type StripeAccount } from "./stripe-client";

export type ConnectStatus = {
  mode: "sandbox" | "stripe";
  accountId: string | null;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  // Able to be paid by transfer: with the sandbox every member counts as onboarded.
  onboarded: boolean;
};

/** What the payouts page shows the institution's owner or finance staff. */
export async function connectStatus(viewer: Viewer, slug: string) {
  const db = await getDb();
  const institution = await getInstitutionForStaff(db, viewer, slug, "payouts:onboard");
  const [row] = await db
    .select()
    .from(paymentAccounts)
    .where(eq(paymentAccounts.institutionId, institution.id));
  const mode = paymentsMode();
  const status: ConnectStatus = {
    mode,
    accountId: row?.stripeAccountId ?? null,
    chargesEnabled: row?.chargesEnabled ?? false,
    payoutsEnabled: row?.payoutsEnabled ?? false,
    detailsSubmitted: row?.detailsSubmitted ?? false,
    onboarded: mode === "sandbox" || (row?.chargesEnabled ?? false),
  };
  return { institution, status };
}

/**
 * Start (or resume) Stripe Connect onboarding: the institution's Express account is created once
 * — Stripe's idempotency key is per institution, and the row is keyed by it, so two clicks at
 * once make one account — then a fresh single-use account link is returned to redirect to.
 */
export async function startOnboarding(
  viewer: Viewer,
  slug: string,
  locale: string,
): Promise<string> {
  if (paymentsMode() !== "stripe") {
    throw new AppError(
      "CONFLICT",
      "sandbox_payments",
      "With the payment sandbox every member counts as onboarded",
    );
  }
  const db = await getDb();
  const actor = { type: "user" as const, viewer };
  const { institution, existing } = await db.transaction(async (tx) => {
    const inst = await withInstitution(tx, actor, slug, "payouts:onboard");
    const [row] = await tx
      .select()
      .from(paymentAccounts)
      .where(eq(paymentAccounts.institutionId, inst.id));
    return { institution: inst, existing: row ?? null };
  });
  const stripe = getStripe();
  let accountId = existing?.stripeAccountId;
  if (!accountId) {
    const account = await stripe.accounts.create(
      {
        type: "express",
        capabilities: { transfers: { requested: true }, card_payments: { requested: true } },
        metadata: { institution_id: institution.id, slug },
      },
      { idempotencyKey: `connect-account:${institution.id}` },
    );
    accountId = account.id;
    await db.transaction(async (tx) => {
      await withInstitution(tx, actor, slug, "payouts:onboard");
      await tx
        .insert(paymentAccounts)
        .values({ institutionId: institution.id, stripeAccountId: account.id, updatedAt: now() })
        .onConflictDoNothing();
      await writeAudit(tx, {
        actorId: viewer.userId,
        action: "payouts.account_created",
        targetType: "institution",
        targetId: institution.id,
        institutionId: institution.id,
        after: { stripeAccountId: account.id },
      });
    });
  }
  const base = `${getEnv().PUBLIC_BASE_URL}/${locale}/institution/${slug}/payouts`;
  const link = await stripe.accountLinks.create({
    account: accountId,
    type: "account_onboarding",
    refresh_url: `${base}?refresh=1`,
    return_url: `${base}?returned=1`,
  });
  return link.url;
}

/** `account.updated`: what Stripe now says the account may do. */
export async function accountUpdated(tx: Tx, account: StripeAccount): Promise<void> {
  const rows = await tx
    .update(paymentAccounts)
    .set({
      chargesEnabled: account.charges_enabled ?? false,
      payoutsEnabled: account.payouts_enabled ?? false,
      detailsSubmitted: account.details_submitted ?? false,
      updatedAt: now(),
    })
    .where(eq(paymentAccounts.stripeAccountId, account.id))
    .returning({ institutionId: paymentAccounts.institutionId });
  if (rows[0]) {
    await writeAudit(tx, {
      actorId: null,
      action: "payouts.account_updated",
      targetType: "institution",
      targetId: rows[0].institutionId,
      institutionId: rows[0].institutionId,
      after: { chargesEnabled: account.charges_enabled, payoutsEnabled: account.payouts_enabled },
    });
  }
}
