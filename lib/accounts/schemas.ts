import { z } from "zod";
import { emailSchema } from "@/lib/auth/email";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password";
import { locales } from "@/i18n/routing";

export const passwordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

export const signUpSchema = z.object({
  name: z.string().trim().min(1).max(100),
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const tokenSchema = z.string().trim().min(20).max(200);

export const requestResetSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({ token: tokenSchema, password: passwordSchema, confirm: z.string().max(PASSWORD_MAX) })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    params: { code: "mismatch" },
  });

export const localeSchema = z.enum(locales);
