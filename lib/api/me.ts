import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { institutions } from "@/db/schema";
import type { ApiScope } from "@/lib/auth/actor";
import type { ApiKeyActor } from "./keys";

export type ApiCaller = {
  institution: { slug: string; nameZh: string; nameEn: string };
  scopes: ApiScope[];
};

/** Who an API key speaks for, so a partner can check its configuration. */
export async function getApiCaller(actor: ApiKeyActor): Promise<ApiCaller> {
  const db = await getDb();
  const [institution] = await db
    .select({ slug: institutions.slug, nameZh: institutions.nameZh, nameEn: institutions.nameEn })
    .from(institutions)
    .where(eq(institutions.id, actor.institutionId));
  // authenticateApiKey joined this very row; its absence would be a broken foreign key.
  if (!institution) throw new Error(`API key ${actor.keyId} has no institution`);
  return { institution, scopes: [...actor.scopes] };
}
