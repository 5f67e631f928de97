import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { institutionDomains } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { Viewer } from "@/lib/auth/load-principal";
import { canOnPlatform } from "@/lib/auth/permissions";
import { withInstitution } from "@/lib/institutions/with-institution";
import { LicenceError } from "./errors";
import { addDomainSchema, decideDomainSchema, removeDomainSchema } from "./schemas";

/**
 * Public mail services: an address there says nothing about affiliation, so such a domain is
 * never listed (docs/DECISIONS.md, "Seats and site licences").
 */
export const PUBLIC_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "yahoo.com",
  "icloud.com",
  "me.com",
  "proton.me",
  "protonmail.com",
  "qq.com",
  "foxmail.com",
  "163.com",
  "126.com",
  "yeah.net",
  "sina.com",
  "sohu.com",
  "aliyun.com",
  "139.com",
]);

/** The owner lists a mail domain of the institution; it counts once the alliance admin confirms. */
export async function addDomain(viewer: Viewer, input: unknown): Promise<{ id: string }> {
  const data = parseInput(addDomainSchema, input);
  if (PUBLIC_MAIL_DOMAINS.has(data.domain)) {
    throw new LicenceError(
      "BAD_REQUEST",
      "public_mail_domain",
      `${data.domain} is a public mail service`,
      {
        domain: data.domain,
      },
    );
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const inst = await withInstitution(
      tx,
      { type: "user", viewer },
      data.institutionSlug,
      "institution:edit_profile",
    );
    const [row] = await tx
      .insert(institutionDomains)
      .values({ institutionId: inst.id, domain: data.domain, addedBy: viewer.userId })
      .onConflictDoNothing()
      .returning({ id: institutionDomains.id });
    if (!row) {
      throw new LicenceError("CONFLICT", "domain_listed", `${data.domain} is already listed`, {
        domain: data.domain,
      });
    }
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "domain.add",
      targetType: "institution_domain",
      targetId: row.id,
      institutionId: inst.id,
      after: { domain: data.domain },
    });
    return row;
  });
}

/** The owner removes a domain; enrolments already made through it stay. */
export async function removeDomain(viewer: Viewer, input: unknown): Promise<void> {
  const data = parseInput(removeDomainSchema, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const inst = await withInstitution(
      tx,
      { type: "user", viewer },
      data.institutionSlug,
      "institution:edit_profile",
    );
    const [row] = await tx
      .delete(institutionDomains)
      .where(
        and(
          eq(institutionDomains.id, data.domainId),
          eq(institutionDomains.institutionId, inst.id),
        ),
      )
      .returning();
    if (!row) throw notFound("Domain not found");
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "domain.remove",
      targetType: "institution_domain",
      targetId: row.id,
      institutionId: inst.id,
      before: { domain: row.domain, confirmed: row.confirmedAt !== null },
      after: null,
    });
  });
}

/**
 * The alliance admin confirms (or rejects, which deletes) a listed domain. A domain is confirmed
 * for one institution at most: an advisory lock on the domain serialises two confirmations of it.
 */
export async function decideDomain(viewer: Viewer, input: unknown): Promise<void> {
  const data = parseInput(decideDomainSchema, input);
  if (!canOnPlatform(viewer, "domains:confirm")) throw forbidden();
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ domain: institutionDomains.domain })
      .from(institutionDomains)
      .where(eq(institutionDomains.id, data.domainId));
    if (!found) throw notFound("Domain not found");
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`domain:${found.domain}`}))`);
    const [row] = await tx
      .select()
      .from(institutionDomains)
      .where(eq(institutionDomains.id, data.domainId))
      .for("update");
    if (!row) throw notFound("Domain not found");
    if (row.confirmedAt) {
      throw new AppError("CONFLICT", "already_decided", "This domain was already confirmed");
    }
    if (data.decision === "reject") {
      await tx.delete(institutionDomains).where(eq(institutionDomains.id, row.id));
    } else {
      const [elsewhere] = await tx
        .select({ id: institutionDomains.id })
        .from(institutionDomains)
        .where(
          and(
            eq(institutionDomains.domain, row.domain),
            ne(institutionDomains.id, row.id),
            isNotNull(institutionDomains.confirmedAt),
          ),
        );
      if (elsewhere) {
        throw new LicenceError(
          "CONFLICT",
          "domain_confirmed_elsewhere",
          `${row.domain} is confirmed for another institution`,
          { domain: row.domain },
        );
      }
      await tx
        .update(institutionDomains)
        .set({ confirmedAt: now(), confirmedBy: viewer.userId })
        .where(eq(institutionDomains.id, row.id));
    }
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: data.decision === "confirm" ? "domain.confirm" : "domain.reject",
      targetType: "institution_domain",
      targetId: row.id,
      institutionId: row.institutionId,
      before: { domain: row.domain, confirmed: false },
      after: data.decision === "confirm" ? { confirmed: true } : null,
    });
  });
}
