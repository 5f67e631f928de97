import createMiddleware from "next-intl/middleware";
import { routing } from "./i18n/routing";

// Locale negotiation and prefixes only: authorization lives in the services, never here.
export default createMiddleware(routing);

export const config = {
  matcher: "/((?!api|_next|_vercel|uploads|\\.well-known|.*\\..*).*)",
};
