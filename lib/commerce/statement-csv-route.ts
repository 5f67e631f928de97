import "server-only";
import type { NextRequest } from "next/server";
import { loadMessages } from "@/i18n/messages";
import { isLocale } from "@/i18n/routing";
import { getViewer } from "@/lib/auth/viewer";
import { isAppError } from "@/lib/errors";
import { getAllianceStatements, getInstitutionStatement } from "./statements";
import { statementCsv, type StatementCsvHeadings } from "./statements-csv";

const headingKeys: (keyof StatementCsvHeadings)[] = [
  "institution", "period", "currency", "sales", "fees", "shares", "refunds", "refundFees",
  "refundShares", "netPayout", "connect", "bank", "settled", "reference", "outstanding",
]; // prettier-ignore

/**
 * The CSV answer of a statement: an institution's (`payouts:view` there) or the alliance's
 * (`totals:view`). The services check the rights; what they refuse is answered 404 like the
 * pages, bad input 400, never 500.
 */
export async function getStatementCsv(
  req: NextRequest,
  locale: string,
  scope: { institutionSlug: string } | null,
): Promise<Response> {
  if (!isLocale(locale)) return new Response("Not found", { status: 404 });
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in first", { status: 401 });
  const period = req.nextUrl.searchParams.get("period") ?? undefined;
  try {
    const statement = scope
      ? await getInstitutionStatement(viewer, { ...scope, period })
      : await getAllianceStatements(viewer, { period });
    // The column headings in the link's language, straight from the message files.
    const messages = (await loadMessages(locale)) as { finance: { csv: StatementCsvHeadings } };
    const headings = Object.fromEntries(
      headingKeys.map((k) => [k, messages.finance.csv[k]]),
    ) as StatementCsvHeadings;
    const label = statement.period.label;
    const who = scope ? scope.institutionSlug : "alliance";
    return new Response(statementCsv(statement.rows, label, headings, locale), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="statement-${who}-${label}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code === "FORBIDDEN" || e.code === "NOT_FOUND") {
      return new Response("Not found", { status: 404 });
    }
    return new Response(e.message, { status: e.status });
  }
}
