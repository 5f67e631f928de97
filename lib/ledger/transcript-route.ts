import "server-only";
import { eq } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { getDb } from "@/db";
import { creditStandard } from "@/db/schema";
import { loadMessages } from "@/i18n/messages";
import { isLocale } from "@/i18n/routing";
import { apiJson } from "@/lib/api/respond";
import { getViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";
import { getMyTranscript } from "./queries";
import { transcriptJson } from "./transcript-json";
import { renderTranscriptPdf } from "./transcript-pdf";

const headers = (type: string, filename: string) => ({
  "Content-Type": type,
  "Content-Disposition": `attachment; filename="${filename}"`,
  "Cache-Control": "private, no-store",
});

/**
 * The signed-in learner's transcript as a file: JSON (language-neutral) or PDF (in the link's
 * language). There is no account in the address: each person only ever gets their own, and a
 * visitor who is not signed in gets 401. The routes wrap this in `apiRoute`: errors are the API's
 * JSON shape.
 */
export async function transcriptResponse(
  locale: string,
  format: "pdf" | "json",
): Promise<Response> {
  if (!isLocale(locale)) throw new AppError("NOT_FOUND", "not_found", "Not found");
  // getViewer waits for the request first (connection()): the build never gets this far.
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "sign_in_required", "Sign in first");
  const transcript = await getMyTranscript(viewer);
  const base = `transcript-${transcript.account.number}`;
  if (format === "json") {
    return apiJson(transcriptJson(transcript), 200, headers("application/json", `${base}.json`));
  }
  const [messages, timeZone, alliance] = await Promise.all([
    loadMessages(locale),
    getAllianceTimeZone(),
    allianceName(locale),
  ]);
  const t = createTranslator({ locale, messages, namespace: "ledger" });
  const pdf = await renderTranscriptPdf({
    locale,
    timeZone,
    allianceName: alliance,
    holderName: transcript.holderName,
    accountNumber: transcript.account.number,
    generatedAt: new Date(transcript.generatedAt),
    balances: transcript.balances,
    entries: transcript.entries.map((e) => e.view),
    t: (key, values) => t(key as never, values as never),
  });
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: headers("application/pdf", `${base}-${locale}.pdf`),
  });
}

async function allianceName(locale: string): Promise<string> {
  const db = await getDb();
  const [row] = await db
    .select({ zh: creditStandard.allianceNameZh, en: creditStandard.allianceNameEn })
    .from(creditStandard)
    .where(eq(creditStandard.id, 1));
  if (!row) throw new Error("The credit standard row is missing: run the migrations");
  return locale === "zh-CN" ? row.zh : row.en;
}
