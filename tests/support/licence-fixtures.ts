import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { buyInSandbox, buyingInstitution, lineFor, sellerWithCourse } from "./commerce-fixtures";
import { addMember, createUser, mustViewer, tokenFromMail, uniqueEmail } from "./fixtures";

/** An institution that bought `seats` seats of another member's course in the sandbox. */
export async function licensee(seats = 10, courseOver: Record<string, unknown> = {}) {
  const { course } = await sellerWithCourse(courseOver);
  const { inst, finance } = await buyingInstitution();
  await buyInSandbox(finance, {
    buyer: inst.slug,
    lines: [await lineFor(course.id, "seat", seats)],
  });
  const db = await getDb();
  const [licence] = await db
    .select()
    .from(s.licences)
    .where(eq(s.licences.licenseeInstitutionId, inst.id));
  return { course, inst, finance, licence: licence! };
}

/** An institution with a site licence of another member's course (site offer 5,000.00). */
export async function siteLicensee() {
  const { course } = await sellerWithCourse({
    offers: { learner: { amountMinor: 19900 }, siteLicence: { amountMinor: 500000 } },
  });
  const { inst, finance } = await buyingInstitution();
  await buyInSandbox(finance, {
    buyer: inst.slug,
    lines: [await lineFor(course.id, "site_licence", 1)],
  });
  const db = await getDb();
  const [licence] = await db
    .select()
    .from(s.licences)
    .where(eq(s.licences.licenseeInstitutionId, inst.id));
  const ownerUser = await createUser();
  await addMember(inst.id, ownerUser.id, "owner");
  return { course, inst, finance, owner: await mustViewer(ownerUser.id), licence: licence! };
}

/** A verified learner at `email` (a fresh address by default). */
export async function learnerAt(email = uniqueEmail("learner"), verified = true): Promise<Viewer> {
  return mustViewer((await createUser({ email, verified })).id);
}

/** The seat token in the newest mail to `email`. */
export const seatTokenFor = (email: string) => tokenFromMail(email, /\/seats\/([\w-]+)/);

export async function seatsOf(licenceId: string) {
  const db = await getDb();
  return db.select().from(s.licenceSeats).where(eq(s.licenceSeats.licenceId, licenceId));
}

export async function invitationsOf(licenceId: string, email?: string) {
  const db = await getDb();
  return db
    .select()
    .from(s.seatInvitations)
    .where(
      and(
        eq(s.seatInvitations.licenceId, licenceId),
        email ? eq(s.seatInvitations.email, email) : undefined,
      ),
    );
}

export async function enrolmentsOf(userId: string) {
  const db = await getDb();
  return db.select().from(s.enrolments).where(eq(s.enrolments.userId, userId));
}

export const countState = (seats: { state: string }[], state: string) =>
  seats.filter((x) => x.state === state).length;
