import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { getAuthSecret } from "@/lib/secrets";
import { authenticate } from "./authenticate";
import { clientAddressFrom } from "./client-address";
import { SESSION_MAX_AGE_SECONDS, startSession } from "./sessions";
import {
  endSessionOfToken,
  sessionClaimsOf,
  tokenOf,
  type SignedInUser,
  type TokenClaims,
} from "./session-token";

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
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
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
          if (result.ok) {
            const sessionId = await startSession(await getDb(), result.userId);
            return {
              id: result.userId,
              sessionVersion: result.sessionVersion,
              sessionId,
            } satisfies SignedInUser;
          }
          if (result.reason === "throttled") throw new Throttled(result.retryAfterSeconds);
          if (result.reason === "disabled") throw new AccountDisabled();
          throw new InvalidCredentials();
        },
      }),
    ],
    callbacks: {
      jwt: ({ token, user }) => tokenOf(token, user as Partial<SignedInUser> | undefined),
      session: ({ session, token }) => ({ ...session, ...sessionClaimsOf(token as TokenClaims) }),
    },
    events: {
      // Sign-out ends this session in the database, so a copy of the cookie dies with it.
      signOut: (message) => endSessionOfToken("token" in message ? message.token : null),
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());

export { AuthError, CredentialsSignin } from "next-auth";
