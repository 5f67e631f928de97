// GET /[locale]/admin/finance/statements/csv?period=YYYY-MM – every member's statement as CSV
import type { NextRequest } from "next/server";
import { getStatementCsv } from "@/lib/commerce/statement-csv-route";

export async function GET(req: NextRequest, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  return getStatementCsv(req, locale, null);
}
