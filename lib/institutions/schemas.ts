import { z } from "zod";
import { institutionKinds } from "@/db/schema";
import { emailSchema } from "@/lib/auth/email";
import { institutionRoles } from "@/lib/auth/permissions";

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const applyForMembershipSchema = z.object({
  slug: slugSchema,
  nameZh: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  kind: z.enum(institutionKinds),
  website: z
    .string()
    .trim()
    .max(300)
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.url({ protocol: /^https?$/ }).optional()),
  message: z.string().trim().max(4000).default(""),
});
export type ApplyForMembershipInput = z.infer<typeof applyForMembershipSchema>;

export const decideApplicationSchema = z.discriminatedUnion("decision", [
  z.object({
    applicationId: z.uuid(),
    decision: z.literal("approve"),
    reason: z.string().trim().max(2000).optional(),
  }),
  z.object({
    applicationId: z.uuid(),
    decision: z.literal("reject"),
    reason: z.string().trim().min(1).max(2000),
  }),
]);

export const inviteStaffSchema = z.object({
  institutionSlug: slugSchema,
  email: emailSchema,
  role: z.enum(institutionRoles),
});

export const removeRoleSchema = z.object({
  institutionSlug: slugSchema,
  userId: z.uuid(),
  role: z.enum(institutionRoles),
});
