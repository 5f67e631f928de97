import { describe, expect, it } from "vitest";
import type { Locale } from "@/i18n/routing";
import { renderMail, type MailTemplate } from "./templates";

const locales: Locale[] = ["zh-CN", "en"];
const cjk = /[\u4e00-\u9fff]/;
const hostile = "<script>alert(1)</script>";

// Every kind, with the links the text must carry; adding a kind without a case fails to compile.
const templates: Record<MailTemplate["kind"], { template: MailTemplate; links: string[] }> = {
  verify_email: {
    template: { kind: "verify_email", name: "Ann", link: "https://x.test/verify?t=v1" },
    links: ["https://x.test/verify?t=v1"],
  },
  reset_password: {
    template: { kind: "reset_password", name: "Ann", link: "https://x.test/reset?t=r1" },
    links: ["https://x.test/reset?t=r1"],
  },
  signup_existing: {
    template: {
      kind: "signup_existing",
      name: "Ann",
      signInLink: "https://x.test/sign-in",
      resetLink: "https://x.test/reset",
    },
    links: ["https://x.test/sign-in", "https://x.test/reset"],
  },
  reset_unknown: {
    template: { kind: "reset_unknown", email: "ann@x.test", signUpLink: "https://x.test/sign-up" },
    links: ["https://x.test/sign-up"],
  },
  invitation: {
    template: {
      kind: "invitation",
      institution: "Jade College",
      role: "registrar",
      link: "https://x.test/invite?t=i1",
      expiresDays: 7,
    },
    links: ["https://x.test/invite?t=i1"],
  },
  application_approved: {
    template: {
      kind: "application_approved",
      institution: "Jade College",
      link: "https://x.test/institution/jade",
    },
    links: ["https://x.test/institution/jade"],
  },
  application_rejected: {
    template: {
      kind: "application_rejected",
      institution: "Jade College",
      reason: "Incomplete charter",
    },
    links: [],
  },
  order_receipt: {
    template: {
      kind: "order_receipt",
      orderId: "0b7c2a10-0000-4000-8000-000000000001",
      currency: "CNY",
      totalMinor: 12345,
      lines: [
        { title: "Logistics basics", quantity: 1, amountMinor: 12345, refunded: false },
        { title: "Data ethics", quantity: 2, amountMinor: 0, refunded: true },
      ],
    },
    links: ["/orders/0b7c2a10-0000-4000-8000-000000000001"],
  },
  seat_invitation: {
    template: {
      kind: "seat_invitation",
      institution: "Jade College",
      resource: "Logistics basics",
      link: "https://x.test/seats/s1",
      expiresDays: 14,
    },
    links: ["https://x.test/seats/s1"],
  },
  refund_issued: {
    template: {
      kind: "refund_issued",
      orderId: "0b7c2a10-0000-4000-8000-000000000001",
      currency: "CNY",
      amountMinor: 500,
      title: "Logistics basics",
    },
    links: ["/orders/0b7c2a10-0000-4000-8000-000000000001"],
  },
};

const cases = Object.values(templates).flatMap(({ template, links }) =>
  locales.map((locale) => ({ kind: template.kind, locale, template, links })),
);

function withHostileNames(t: MailTemplate): MailTemplate {
  switch (t.kind) {
    case "verify_email":
    case "reset_password":
    case "signup_existing":
      return { ...t, name: hostile };
    case "reset_unknown":
      return { ...t, email: hostile };
    case "invitation":
    case "application_approved":
      return { ...t, institution: hostile };
    case "application_rejected":
      return { ...t, institution: hostile, reason: hostile };
    case "order_receipt":
      return { ...t, lines: t.lines.map((l) => ({ ...l, title: hostile })) };
    case "seat_invitation":
      return { ...t, institution: hostile };
    case "refund_issued":
      return { ...t, title: hostile };
  }
}

describe("renderMail", () => {
  it.each(cases)("renders $kind in $locale", ({ template, locale, links }) => {
    const mail = renderMail(template, locale);
    expect(mail.subject.trim()).not.toBe("");
    expect(mail.text.trim()).not.toBe("");
    expect(mail.html).toContain("<p>");
    for (const link of links) expect(mail.text).toContain(link);
    if (locale === "zh-CN") {
      expect(mail.subject).toMatch(cjk);
      expect(mail.text).toMatch(cjk);
    } else {
      expect(mail.subject).not.toMatch(cjk);
      expect(mail.text).not.toMatch(cjk);
    }
  });

  it.each(cases)(
    "escapes hostile names in the HTML of $kind in $locale",
    ({ template, locale }) => {
      const { html, text } = renderMail(withHostileNames(template), locale);
      expect(html).not.toContain("<script>");
      expect(html).not.toContain(hostile);
      expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
      // The plain-text part is not HTML and keeps the name as written.
      expect(text).toContain(hostile);
    },
  );

  it("puts the main link in an anchor in the HTML", () => {
    const { html } = renderMail(templates.verify_email.template, "en");
    expect(html).toContain('<a href="https://x.test/verify?t=v1">Verify e-mail</a>');
  });

  it("escapes quotes in a link so it cannot leave the href attribute", () => {
    const { html } = renderMail(
      { kind: "verify_email", name: "Ann", link: 'https://x.test/"onmouseover="alert(1)' },
      "en",
    );
    expect(html).not.toContain('"onmouseover="');
    expect(html).toContain("&#34;onmouseover=&#34;");
  });

  it("names the invited role in the mail's language", () => {
    const t = templates.invitation.template;
    expect(renderMail(t, "zh-CN").text).toContain("学籍管理员");
    expect(renderMail(t, "en").text).toContain("as registrar");
    expect(renderMail(t, "en").text).toContain("within 7 days");
  });

  it("gives the rejection reason", () => {
    const t = templates.application_rejected.template;
    expect(renderMail(t, "en").text).toContain("Reason: Incomplete charter");
    expect(renderMail(t, "zh-CN").text).toContain("原因：Incomplete charter");
    expect(renderMail(t, "en").html).not.toContain("<a ");
  });
});
