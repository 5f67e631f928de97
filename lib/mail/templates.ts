import type { Locale } from "@/i18n/routing";
import { renderCommerce, type CommerceTemplate } from "./commerce-templates";

export type MailTemplate =
  | { kind: "verify_email"; name: string; link: string }
  | { kind: "reset_password"; name: string; link: string }
  | { kind: "signup_existing"; name: string; signInLink: string; resetLink: string }
  | { kind: "reset_unknown"; email: string; signUpLink: string }
  | { kind: "invitation"; institution: string; role: string; link: string; expiresDays: number }
  | { kind: "application_approved"; institution: string; link: string }
  | { kind: "application_rejected"; institution: string; reason: string }
  | CommerceTemplate;

type Rendered = { subject: string; lines: string[]; link?: { href: string; label: string } };

const roleNames: Record<Locale, Record<string, string>> = {
  "zh-CN": { owner: "负责人", editor: "编辑", registrar: "学籍管理员", finance: "财务" },
  en: { owner: "owner", editor: "editor", registrar: "registrar", finance: "finance" },
};

function render(t: MailTemplate, locale: Locale): Rendered {
  const zh = locale === "zh-CN";
  switch (t.kind) {
    case "order_receipt":
    case "seat_invitation":
    case "refund_issued":
      return renderCommerce(t, locale);
    case "verify_email":
      return zh
        ? {
            subject: "请验证您的电子邮箱",
            lines: [`${t.name}，您好：`, "请点击下方链接验证您的电子邮箱，链接 24 小时内有效。"],
            link: { href: t.link, label: "验证邮箱" },
          }
        : {
            subject: "Please verify your e-mail address",
            lines: [
              `Hello ${t.name},`,
              "Please follow the link below to verify your e-mail address. It is valid for 24 hours.",
            ],
            link: { href: t.link, label: "Verify e-mail" },
          };
    case "reset_password":
      return zh
        ? {
            subject: "重置您的密码",
            lines: [
              `${t.name}，您好：`,
              "我们收到了重置密码的请求。请点击下方链接设置新密码，链接 1 小时内有效、只能使用一次。如果不是您本人操作，请忽略本邮件。",
            ],
            link: { href: t.link, label: "重置密码" },
          }
        : {
            subject: "Reset your password",
            lines: [
              `Hello ${t.name},`,
              "We received a request to reset your password. Follow the link below to choose a new one; it works once, within one hour. If you did not ask for this, ignore this message.",
            ],
            link: { href: t.link, label: "Reset password" },
          };
    case "signup_existing":
      return zh
        ? {
            subject: "有人尝试用您的邮箱注册",
            lines: [
              `${t.name}，您好：`,
              "有人刚刚尝试用此邮箱注册新账户，但该邮箱已有账户。如果是您本人，请直接登录；忘记密码可以重置。",
              `登录：${t.signInLink}`,
            ],
            link: { href: t.resetLink, label: "重置密码" },
          }
        : {
            subject: "Someone tried to sign up with your address",
            lines: [
              `Hello ${t.name},`,
              "Someone just tried to create an account with this address, which already has one. If it was you, simply sign in; if you forgot your password, reset it.",
              `Sign in: ${t.signInLink}`,
            ],
            link: { href: t.resetLink, label: "Reset password" },
          };
    case "reset_unknown":
      return zh
        ? {
            subject: "重置密码请求：此邮箱没有账户",
            lines: [
              `有人刚刚为 ${t.email} 请求重置学分银行联盟资源交易平台的密码，但没有账户使用此邮箱。`,
              "如果是您本人，您可能用了另一个邮箱注册；也可以用此邮箱注册新账户。如果不是您本人操作，请忽略本邮件。",
            ],
            link: { href: t.signUpLink, label: "注册" },
          }
        : {
            subject: "Password reset requested: no account uses this address",
            lines: [
              `Someone just asked to reset the password for ${t.email} at the Credit Bank Alliance Exchange, but no account uses this address.`,
              "If it was you, perhaps you signed up with another address; or sign up with this one. If you did not ask for this, ignore this message.",
            ],
            link: { href: t.signUpLink, label: "Sign up" },
          };
    case "invitation":
      return zh
        ? {
            subject: `邀请您加入${t.institution}`,
            lines: [
              `${t.institution} 邀请您以「${roleNames[locale][t.role] ?? t.role}」身份加入学分银行联盟资源交易平台。`,
              `邀请仅限本邮箱使用一次，${t.expiresDays} 天内有效。没有账户可先用本邮箱注册。`,
            ],
            link: { href: t.link, label: "接受邀请" },
          }
        : {
            subject: `You are invited to join ${t.institution}`,
            lines: [
              `${t.institution} invites you to the Credit Bank Alliance Exchange as ${roleNames[locale][t.role] ?? t.role}.`,
              `The invitation works once, for this address only, within ${t.expiresDays} days. Without an account, sign up with this address first.`,
            ],
            link: { href: t.link, label: "Accept invitation" },
          };
    case "application_approved":
      return zh
        ? {
            subject: `入盟申请已批准：${t.institution}`,
            lines: [
              `您为 ${t.institution} 提交的入盟申请已获联盟办公室批准，您现在是该机构的负责人。`,
            ],
            link: { href: t.link, label: "进入机构工作台" },
          }
        : {
            subject: `Membership approved: ${t.institution}`,
            lines: [
              `The alliance office approved your application for ${t.institution}. You are now its owner.`,
            ],
            link: { href: t.link, label: "Open the institution's workspace" },
          };
    case "application_rejected":
      return zh
        ? {
            subject: `入盟申请未获批准：${t.institution}`,
            lines: [
              `很遗憾，您为 ${t.institution} 提交的入盟申请未获批准。`,
              `原因：${t.reason}`,
              "您可以修改后重新申请。",
            ],
          }
        : {
            subject: `Membership application declined: ${t.institution}`,
            lines: [
              `We are sorry: the application for ${t.institution} was not approved.`,
              `Reason: ${t.reason}`,
              "You may amend it and apply again.",
            ],
          };
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderMail(t: MailTemplate, locale: Locale) {
  const r = render(t, locale);
  const footer = locale === "zh-CN" ? "学分银行联盟资源交易平台" : "Credit Bank Alliance Exchange";
  const text = [
    ...r.lines,
    ...(r.link ? [`${r.link.label}: ${r.link.href}`] : []),
    "",
    `— ${footer}`,
  ].join("\n");
  const html = [
    ...r.lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    r.link ? `<p><a href="${escapeHtml(r.link.href)}">${escapeHtml(r.link.label)}</a></p>` : "",
    `<p>— ${escapeHtml(footer)}</p>`,
  ].join("\n");
  return { subject: r.subject, text, html };
}
