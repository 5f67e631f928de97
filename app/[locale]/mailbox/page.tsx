import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { orNotFound } from "@/lib/page-guards";
import { listMailbox } from "@/lib/mail/queries";
import { hasDemoMailbox } from "@/lib/env";

/**
 * The demo at the machine only: the mail the Exchange would have sent. A demo others can reach
 * has no mailbox (its reset links would hand over any account); production has none either.
 */
export default async function MailboxPage({
  searchParams,
}: {
  searchParams: Promise<{ to?: string }>;
}) {
  if (!hasDemoMailbox()) notFound();
  const sp = await searchParams;
  const to = typeof sp.to === "string" && sp.to.length <= 254 ? sp.to : undefined;
  const messages = await orNotFound(listMailbox(to));
  const [t, format] = await Promise.all([getTranslations("mailbox"), getFormatter()]);
  return (
    <div className="space-y-4">
      <PageTitle>{t("title")}</PageTitle>
      <p className="text-slate-700">{t("intro")}</p>
      <form className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="to" className="block text-sm font-medium">
            {t("filter")}
          </label>
          <input
            id="to"
            name="to"
            type="email"
            defaultValue={to}
            className="mt-1 rounded-md border border-slate-400 px-3 py-2"
          />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("show")}
        </button>
      </form>
      {messages.length === 0 && <p>{t("empty")}</p>}
      {messages.map((m) => (
        <Card key={m.id}>
          <article aria-label={m.subject}>
            <h2 className="text-lg font-semibold">{m.subject}</h2>
            <p className="text-sm text-slate-700">
              {t("to")}: {m.to} ·{" "}
              {format.dateTime(m.createdAt, { dateStyle: "short", timeStyle: "medium" })}
            </p>
            <pre className="mt-3 font-sans text-sm whitespace-pre-wrap">
              {linkify(m.text ?? "")}
            </pre>
          </article>
        </Card>
      ))}
    </div>
  );
}

function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part} className="text-brand-700 break-all underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
