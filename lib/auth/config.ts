import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { getAuthSecret } from "@/lib/secrets";
import { authenticate, clientAddressFrom } from "./authenticate";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}

class AccountDisabled extends CredentialsSignin {
  code = "disabled";
}

class Throttled extends CredentialsSignin {
  constructor(seconds: number) {
    super();
    // Goes into the redirect URL: only the wait, nothing about the account.
    this.code = `throttled:${seconds}`;
  }
}

// Built per request, lazily: `next build` imports this module but must not read secrets.
function config(): NextAuthConfig {
  return {
    secret: getAuthSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    logger: {
      // A wrong password is an answer, not a server error: keep it out of the error log.
      error(error) {
        if (error instanceof CredentialsSignin) return;
        console.error(error);
      },
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          const address = clientAddressFrom(request.headers, getEnv().TRUSTED_PROXY_HOPS);
          const result = await authenticate(credentials, address);
          if (result.ok) return { id: result.userId, sessionVersion: result.sessionVersion };
          if (result.reason === "throttled") throw new Throttled(result.retryAfterSeconds);
          if (result.reason === "disabled") throw new AccountDisabled();
          throw new InvalidCredentials();
        },
      }),
    ],
    callbacks: {
      // The token carries only the user id and the session version; everything else is read
      // from the database on every request (lib/auth/viewer.ts).
      jwt({ token, user }) {
        if (user) {
          return {
            sub: user.id,
            sv: (user as { sessionVersion?: number }).sessionVersion ?? 0,
          };
        }
        return { sub: token.sub, sv: token.sv, iat: token.iat, exp: token.exp, jti: token.jti };
      },
      session({ session, token }) {
        return { ...session, userId: token.sub ?? "", sessionVersion: Number(token.sv ?? 0) };
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());

export { AuthError, CredentialsSignin } from "next-auth";
