// GET /[locale]/institution/[slug]/statements/csv?period=YYYY-MM – an institution's statement as CSV
import type { NextRequest } from "next/server";
import { getStatementCsv } from "@/lib/commerce/statement-csv-route";

export async function GET(
  req: NextRequest,
  { params }: { params: Promise<{ locale: string; slug: string }> },
) {
  const { locale, slug } = await params;
  return getStatementCsv(req, locale, { institutionSlug: slug });
}
