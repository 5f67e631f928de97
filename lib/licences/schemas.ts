import { z } from "zod";
import { emailSchema } from "@/lib/auth/email";
import { tokenSchema } from "@/lib/accounts/schemas";
import { slugSchema } from "@/lib/institutions/schemas";
import { LicenceError } from "./errors";

/** Days a seat invitation stays usable (docs/DECISIONS.md, "Seats and site licences"). */
export const SEAT_INVITATION_DAYS = 14;
/** At most this many addresses in one assignment, so one request stays one short transaction. */
export const MAX_ADDRESSES = 500;

export const assignSeatsSchema = z.object({
  institutionSlug: slugSchema,
  licenceId: z.uuid(),
  emails: z.string().trim().min(1).max(40_000),
});

export const revokeSeatInvitationSchema = z.object({
  institutionSlug: slugSchema,
  invitationId: z.uuid(),
});

export const acceptSeatSchema = z.object({ token: tokenSchema });
export const joinSiteLicenceSchema = z.object({ licenceId: z.uuid() });

/**
 * A mail domain as people type it: lower-cased, no trailing dot, at least two labels of letters,
 * digits and inner hyphens (internationalised names in their xn-- form).
 */
export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, "").replace(/\.$/, ""))
  .pipe(
    z
      .string()
      .min(3)
      .max(253)
      .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/),
  );

export const addDomainSchema = z.object({ institutionSlug: slugSchema, domain: domainSchema });
export const removeDomainSchema = z.object({ institutionSlug: slugSchema, domainId: z.uuid() });
export const decideDomainSchema = z.object({
  domainId: z.uuid(),
  decision: z.enum(["confirm", "reject"]),
});

// The list's field is marked too, so the textarea says it holds the problem.
const emailsInvalid = { emails: { code: "invalid" as const } };

/**
 * A pasted list of addresses → normalised, de-duplicated addresses in the order given. Split on
 * newlines, commas, semicolons and spaces; the first bad one is named and nothing is assigned.
 */
export function parseAddressList(text: string): string[] {
  const parts = text.split(/[\s,;]+/).filter((p) => p.length > 0);
  const out = new Set<string>();
  for (const part of parts) {
    const parsed = emailSchema.safeParse(part);
    if (!parsed.success) {
      throw new LicenceError(
        "BAD_REQUEST",
        "invalid_address",
        `Not an e-mail address: ${part}`,
        {
          address: part.slice(0, 254),
        },
        emailsInvalid,
      );
    }
    out.add(parsed.data);
  }
  if (out.size === 0) {
    throw new LicenceError(
      "BAD_REQUEST",
      "no_addresses",
      "Give at least one e-mail address",
      {},
      { emails: { code: "required" } },
    );
  }
  if (out.size > MAX_ADDRESSES) {
    throw new LicenceError(
      "BAD_REQUEST",
      "too_many_addresses",
      `At most ${MAX_ADDRESSES} addresses at once`,
      { max: MAX_ADDRESSES },
      emailsInvalid,
    );
  }
  return [...out];
}

/** The domain part of a (normalised) address. */
export const domainOf = (email: string): string => email.slice(email.lastIndexOf("@") + 1);
