import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { assignSeats } from "@/lib/licences/assign";
import { acceptSeat, joinSiteLicence } from "@/lib/licences/accept";
import { addDomain, decideDomain, removeDomain } from "@/lib/licences/domains";
import {
  listDomains,
  listLicences,
  listPendingDomains,
  siteLicencesFor,
} from "@/lib/licences/queries";
import { auditFor, createUser, mustViewer, uniqueEmail } from "../support/fixtures";
import {
  enrolmentsOf,
  invitationsOf,
  learnerAt,
  seatTokenFor,
  siteLicensee,
} from "../support/licence-fixtures";

const rejects = (p: Promise<unknown>, reason: string) =>
  expect(p).rejects.toMatchObject({ reason });

const freshDomain = () => `u${randomUUID().slice(0, 8)}.edu.test`;

async function alliance() {
  return mustViewer((await createUser({ platformRole: "admin" })).id);
}

describe("[LICENCES] institution domains", () => {
  it("the owner lists a domain, the admin confirms it (audited); bad and public domains are refused", async () => {
    const { inst, owner, finance } = await siteLicensee();
    const admin = await alliance();
    const d = freshDomain();
    const { id } = await addDomain(owner, {
      institutionSlug: inst.slug,
      domain: ` @${d.toUpperCase()}.`,
    });
    await rejects(addDomain(owner, { institutionSlug: inst.slug, domain: d }), "domain_listed");
    await rejects(
      addDomain(owner, { institutionSlug: inst.slug, domain: "no_dots" }),
      "validation",
    );
    await rejects(
      addDomain(owner, { institutionSlug: inst.slug, domain: "qq.com" }),
      "public_mail_domain",
    );
    await rejects(
      addDomain(finance, { institutionSlug: inst.slug, domain: freshDomain() }),
      "forbidden",
    );
    expect((await listDomains(owner, inst.slug)).domains).toEqual([
      expect.objectContaining({ id, domain: d, confirmedAt: null }),
    ]);
    expect((await listPendingDomains(admin)).map((p) => p.id)).toContain(id);
    await rejects(decideDomain(owner, { domainId: id, decision: "confirm" }), "forbidden");
    await rejects(listPendingDomains(owner), "forbidden");
    await decideDomain(admin, { domainId: id, decision: "confirm" });
    await rejects(decideDomain(admin, { domainId: id, decision: "confirm" }), "already_decided");
    expect((await auditFor(id)).map((a) => a.action).sort()).toEqual([
      "domain.add",
      "domain.confirm",
    ]);
    expect((await listPendingDomains(admin)).map((p) => p.id)).not.toContain(id);
  });

  it("a domain is confirmed for one institution at most; rejecting deletes the listing", async () => {
    const a = await siteLicensee();
    const b = await siteLicensee();
    const admin = await alliance();
    const d = freshDomain();
    const first = await addDomain(a.owner, { institutionSlug: a.inst.slug, domain: d });
    const second = await addDomain(b.owner, { institutionSlug: b.inst.slug, domain: d });
    await decideDomain(admin, { domainId: first.id, decision: "confirm" });
    await rejects(
      decideDomain(admin, { domainId: second.id, decision: "confirm" }),
      "domain_confirmed_elsewhere",
    );
    await decideDomain(admin, { domainId: second.id, decision: "reject" });
    expect((await listDomains(b.owner, b.inst.slug)).domains).toEqual([]);
    await rejects(
      removeDomain(b.owner, { institutionSlug: b.inst.slug, domainId: first.id }),
      "not_found",
    );
  });
});

describe("[LICENCES] site licences", () => {
  it("a learner at a confirmed domain joins at no charge; an unconfirmed domain is refused", async () => {
    const { inst, owner, licence, finance } = await siteLicensee();
    const admin = await alliance();
    const d = freshDomain();
    const { id } = await addDomain(owner, { institutionSlug: inst.slug, domain: d });
    const me = await learnerAt(`someone@${d}`);
    expect(await siteLicencesFor(me)).toEqual([]);
    await rejects(joinSiteLicence(me, { licenceId: licence.id }), "not_affiliated");
    await decideDomain(admin, { domainId: id, decision: "confirm" });
    expect((await siteLicencesFor(me)).map((l) => l.id)).toEqual([licence.id]);
    const sub = await learnerAt(`someone@x.${d}`);
    await rejects(joinSiteLicence(sub, { licenceId: licence.id }), "not_affiliated");
    const unverified = await learnerAt(`later@${d}`, false);
    await rejects(joinSiteLicence(unverified, { licenceId: licence.id }), "email_not_verified");
    await joinSiteLicence(me, { licenceId: licence.id });
    expect(await enrolmentsOf(me.userId)).toEqual([
      expect.objectContaining({ source: "site_licence", licenceId: licence.id, seatId: null }),
    ]);
    await rejects(joinSiteLicence(me, { licenceId: licence.id }), "already_enrolled");
    expect(await siteLicencesFor(me)).toEqual([]);
    expect((await listLicences(finance, inst.slug)).licences[0]!.siteEnrolments).toBe(1);
    // Removing the domain stops new joins; the running enrolment stays.
    await removeDomain(owner, { institutionSlug: inst.slug, domainId: id });
    const next = await learnerAt(`next@${d}`);
    await rejects(joinSiteLicence(next, { licenceId: licence.id }), "not_affiliated");
    expect((await enrolmentsOf(me.userId))[0]!.status).toBe("active");
  });

  it("finance invites to a site licence by e-mail, without a seat limit; the invitee joins", async () => {
    const { inst, finance, licence } = await siteLicensee();
    const people = Array.from({ length: 12 }, () => uniqueEmail());
    await assignSeats(finance, {
      institutionSlug: inst.slug,
      licenceId: licence.id,
      emails: people.join("\n"),
    });
    const invs = await invitationsOf(licence.id);
    expect(invs).toHaveLength(12);
    expect(invs.every((i) => i.seatId === null)).toBe(true);
    // One joins through the listing, another through the mailed link.
    const a = await learnerAt(people[0]);
    expect((await siteLicencesFor(a)).map((l) => l.id)).toEqual([licence.id]);
    await joinSiteLicence(a, { licenceId: licence.id });
    expect((await invitationsOf(licence.id, a.email))[0]!.status).toBe("accepted");
    const b = await learnerAt(people[1]);
    await acceptSeat(b, { token: await seatTokenFor(b.email) });
    expect((await enrolmentsOf(b.userId))[0]).toMatchObject({
      source: "site_licence",
      seatId: null,
    });
    await rejects(
      assignSeats(finance, { institutionSlug: inst.slug, licenceId: licence.id, emails: a.email }),
      "address_holds_seat",
    );
    const stranger = await learnerAt();
    await rejects(joinSiteLicence(stranger, { licenceId: licence.id }), "not_affiliated");
    await rejects(joinSiteLicence(stranger, { licenceId: randomUUID() }), "not_found");
  });

  it("after the site licence's term nobody joins", async () => {
    const { inst, owner, licence } = await siteLicensee();
    const admin = await alliance();
    const d = freshDomain();
    const { id } = await addDomain(owner, { institutionSlug: inst.slug, domain: d });
    await decideDomain(admin, { domainId: id, decision: "confirm" });
    const db = await getDb();
    await db
      .update(s.licences)
      .set({
        validFrom: new Date(Date.now() - 400 * 86400_000),
        validTo: new Date(Date.now() - 1000),
      })
      .where(eq(s.licences.id, licence.id));
    const me = await learnerAt(`late@${d}`);
    expect(await siteLicencesFor(me)).toEqual([]);
    await rejects(joinSiteLicence(me, { licenceId: licence.id }), "licence_term_over");
  });
});
