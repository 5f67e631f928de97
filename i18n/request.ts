import { getRequestConfig } from "next-intl/server";
import { defaultLocale, isLocale } from "./routing";
import { loadMessages } from "./messages";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";

// Every date next-intl formats (getFormatter, useFormatter) is in the alliance's zone, read from
// the credit standard per request. The build never opens the database (db/index.ts): a page
// prerendered there shows no dates, and gets the product's default zone (PRODUCT.md §3).
const timeZoneOfRequest = () =>
  process.env.NEXT_PHASE === "phase-production-build"
    ? Promise.resolve("Asia/Shanghai")
    : getAllianceTimeZone();

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = isLocale(requested) ? requested : defaultLocale;
  const [messages, timeZone] = await Promise.all([loadMessages(locale), timeZoneOfRequest()]);
  return { locale, messages, timeZone };
});
