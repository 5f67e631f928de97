import type { Locale } from "@/i18n/routing";
import { getEnv } from "@/lib/env";
import { formatMoney } from "@/lib/format";

/** Mail of buying and licensing: receipts, seat invitations, refunds. */
export type CommerceTemplate =
  | {
      kind: "order_receipt";
      orderId: string;
      currency: string;
      totalMinor: number;
      lines: { title: string; quantity: number; amountMinor: number; refunded: boolean }[];
    }
  | {
      kind: "seat_invitation";
      institution: string;
      resource: string;
      link: string;
      expiresDays: number;
    }
  | {
      kind: "refund_issued";
      orderId: string;
      currency: string;
      amountMinor: number;
      title: string;
    };

type Rendered = { subject: string; lines: string[]; link?: { href: string; label: string } };

const shortRef = (id: string) => id.slice(0, 8).toUpperCase();

export function renderCommerce(t: CommerceTemplate, locale: Locale): Rendered {
  const zh = locale === "zh-CN";
  const money = (m: number, c: string) => formatMoney(m, c, locale);
  const orderLink = (id: string) => `${getEnv().PUBLIC_BASE_URL}/${locale}/orders/${id}`;
  switch (t.kind) {
    case "order_receipt": {
      const items = t.lines.map(
        (l) =>
          `· ${l.title} × ${l.quantity}: ${money(l.amountMinor, t.currency)}${
            l.refunded
              ? zh
                ? "（无法提供，已自动退款）"
                : " (could not be provided; refunded)"
              : ""
          }`,
      );
      return zh
        ? {
            subject: `订单收据 ${shortRef(t.orderId)}`,
            lines: [
              "感谢您的购买。已收到以下订单的付款：",
              ...items,
              `合计：${money(t.totalMinor, t.currency)}`,
            ],
            link: { href: orderLink(t.orderId), label: "查看订单" },
          }
        : {
            subject: `Receipt for order ${shortRef(t.orderId)}`,
            lines: [
              "Thank you. We received payment for this order:",
              ...items,
              `Total: ${money(t.totalMinor, t.currency)}`,
            ],
            link: { href: orderLink(t.orderId), label: "View the order" },
          };
    }
    case "seat_invitation":
      return zh
        ? {
            subject: `${t.institution} 为您分配了课程名额：${t.resource}`,
            lines: [
              `${t.institution} 为您分配了「${t.resource}」的学习名额，免费报名。`,
              `邀请链接仅限本邮箱使用一次，${t.expiresDays} 天内有效。`,
            ],
            link: { href: t.link, label: "接受名额" },
          }
        : {
            subject: `${t.institution} assigned you a seat: ${t.resource}`,
            lines: [
              `${t.institution} assigned you a seat on "${t.resource}", at no charge to you.`,
              `The link works once, for this address only, for ${t.expiresDays} days.`,
            ],
            link: { href: t.link, label: "Accept the seat" },
          };
    case "refund_issued":
      return zh
        ? {
            subject: `退款通知：订单 ${shortRef(t.orderId)}`,
            lines: [`「${t.title}」已退款 ${money(t.amountMinor, t.currency)}。`],
            link: { href: orderLink(t.orderId), label: "查看订单" },
          }
        : {
            subject: `Refund for order ${shortRef(t.orderId)}`,
            lines: [`"${t.title}" was refunded: ${money(t.amountMinor, t.currency)}.`],
            link: { href: orderLink(t.orderId), label: "View the order" },
          };
  }
}
