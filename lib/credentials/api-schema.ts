import { z } from "zod";
import { credentialStatuses } from "@/db/schema/completions";
import type { CredentialAnswer } from "./queries";

// Checked against the service's type at compile time (as lib/api/openapi-schemas.ts does):
// change the answer and this stops compiling until the document follows.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const exact = <S extends z.ZodType>(
  schema: S & (Same<z.output<S>, CredentialAnswer> extends true ? unknown : never),
) => schema;

export const credentialAnswerSchema = exact(
  z
    .object({
      id: z.uuid(),
      status: z.enum(credentialStatuses).meta({
        description:
          "`revoked` is final and is also in the revocation list; `suspended` (a dispute in progress) shows only here and on /verify",
      }),
      jwt: z.string().meta({
        description:
          "The signed VC-JWT (RS256; header `kid` is a URL answering its JWK; the credential under the `vc` claim)",
      }),
      credential: z.record(z.string(), z.unknown()).meta({
        description: "The Open Badges 3.0 AchievementCredential (the JWT's `vc` claim)",
      }),
      verifyUrl: z.string().meta({ description: "The public verification page" }),
      issuedAt: z.string().meta({ description: "RFC 3339, UTC" }),
    })
    .meta({ id: "Credential" }),
);
