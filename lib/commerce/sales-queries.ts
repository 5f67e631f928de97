import { sql } from "drizzle-orm";
import { getDb, selectRows } from "@/db";
import type { Viewer } from "@/lib/auth/load-principal";
import { canAtInstitution } from "@/lib/auth/permissions";
import { getInstitutionForStaff } from "@/lib/institutions/staff";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";

export type SaleLine = {
  lineId: string;
  orderId: string;
  orderStatus: string;
  placedAt: Date;
  currency: string;
  offerKind: "learner" | "seat" | "site_licence";
  titleZh: string;
  titleEn: string;
  quantity: number;
  amountMinor: number;
  refundedMinor: number;
  state: string;
  buyerNameZh: string | null;
  buyerNameEn: string | null;
  buyerEmail: string;
  enrolmentStatus: string | null;
  unusedSeats: number;
};

type Row = Omit<SaleLine, "quantity" | "amountMinor" | "refundedMinor" | "unusedSeats"> & {
  quantity: SqlInteger;
  amountMinor: SqlInteger;
  refundedMinor: SqlInteger;
  unusedSeats: SqlInteger;
};

/**
 * The lines an institution sold, newest first, with what a refund would take: the enrolment's
 * status for a learner line, the unused seats (unassigned, or invited but not accepted) for a seat
 * line. For staff with `orders:view`; `canRefund` says whether to show the refund forms.
 */
export async function listSales(viewer: Viewer, slug: string) {
  const db = await getDb();
  const inst = await getInstitutionForStaff(db, viewer, slug, "orders:view");
  const rows = await selectRows<Row>(
    db,
    sql`select l.id as "lineId", o.id as "orderId", o.status as "orderStatus",
               o.created_at as "placedAt", o.currency, l.offer_kind as "offerKind",
               l.title_zh as "titleZh", l.title_en as "titleEn", l.quantity,
               l.amount_minor as "amountMinor", l.refunded_minor as "refundedMinor", l.state,
               b.name_zh as "buyerNameZh", b.name_en as "buyerNameEn", u.email as "buyerEmail",
               e.status as "enrolmentStatus",
               (select count(*) from licence_seats s
                 where s.licence_id = lic.id
                   and (s.state = 'unassigned'
                        or (s.state = 'assigned' and exists (
                              select 1 from seat_invitations i
                              where i.seat_id = s.id and i.status = 'pending'))))
                 as "unusedSeats"
        from order_lines l
        join orders o on o.id = l.order_id
        join users u on u.id = o.placed_by
        left join institutions b on b.id = o.buyer_institution_id
        left join enrolments e on e.order_line_id = l.id
        left join licences lic on lic.order_line_id = l.id
        where l.seller_institution_id = ${inst.id}
          and o.status in ('paid', 'held')
        order by o.created_at desc, l.id
        limit 300`,
  );
  const lines: SaleLine[] = rows.map((r) => ({
    ...r,
    placedAt: new Date(r.placedAt),
    quantity: toSafeInteger(r.quantity),
    amountMinor: toSafeInteger(r.amountMinor),
    refundedMinor: toSafeInteger(r.refundedMinor),
    unusedSeats: toSafeInteger(r.unusedSeats),
  }));
  return {
    institution: inst,
    canRefund: canAtInstitution(viewer, "orders:refund", inst.id),
    lines,
  };
}
