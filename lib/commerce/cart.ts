import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { cartItems, offerKinds, resourceOffers, resources, resourceVersions } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

const addSchema = z.strictObject({
  resourceId: z.uuid(),
  offerKind: z.enum(offerKinds),
  quantity: z.coerce.number().int().min(1).max(100_000).default(1),
});
const removeSchema = z.strictObject({ itemId: z.uuid() });

/** Put an offer in the viewer's cart (the same offer again sets its quantity). */
export async function addToCart(viewer: Viewer, input: unknown): Promise<void> {
  const item = parseInput(addSchema, input);
  const db = await getDb();
  const [offer] = await db
    .select({ status: resources.status })
    .from(resourceOffers)
    .innerJoin(resources, eq(resources.id, resourceOffers.resourceId))
    .where(
      and(eq(resourceOffers.resourceId, item.resourceId), eq(resourceOffers.kind, item.offerKind)),
    );
  if (!offer || offer.status !== "published") {
    throw new AppError("UNPROCESSABLE", "not_on_sale", "The resource is not on sale");
  }
  await db
    .insert(cartItems)
    .values({ userId: viewer.userId, ...item })
    .onConflictDoUpdate({
      target: [cartItems.userId, cartItems.resourceId, cartItems.offerKind],
      set: { quantity: item.quantity },
    });
}

export async function removeFromCart(viewer: Viewer, input: unknown): Promise<void> {
  const { itemId } = parseInput(removeSchema, input);
  const db = await getDb();
  await db
    .delete(cartItems)
    .where(and(eq(cartItems.id, itemId), eq(cartItems.userId, viewer.userId)));
}

/** Cart items placed by checkout leave the cart. */
export async function clearCartItems(viewer: Viewer, resourceIds: string[]): Promise<void> {
  if (resourceIds.length === 0) return;
  const db = await getDb();
  await db
    .delete(cartItems)
    .where(and(eq(cartItems.userId, viewer.userId), inArray(cartItems.resourceId, resourceIds)));
}

/** The cart with each offer's price now (checkout sends it back as the price shown). */
export async function listCart(viewer: Viewer) {
  const db = await getDb();
  return db
    .select({
      id: cartItems.id,
      resourceId: cartItems.resourceId,
      offerKind: cartItems.offerKind,
      quantity: cartItems.quantity,
      slug: resources.slug,
      status: resources.status,
      sellerInstitutionId: resources.institutionId,
      titleZh: resourceVersions.titleZh,
      titleEn: resourceVersions.titleEn,
      amountMinor: resourceOffers.amountMinor,
      currency: resourceOffers.currency,
      minQuantity: resourceOffers.minQuantity,
    })
    .from(cartItems)
    .innerJoin(resources, eq(resources.id, cartItems.resourceId))
    .leftJoin(resourceVersions, eq(resourceVersions.id, resources.liveVersionId))
    .leftJoin(
      resourceOffers,
      and(
        eq(resourceOffers.resourceId, cartItems.resourceId),
        eq(resourceOffers.kind, cartItems.offerKind),
      ),
    )
    .where(eq(cartItems.userId, viewer.userId))
    .orderBy(asc(cartItems.addedAt));
}
