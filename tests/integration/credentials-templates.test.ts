import { createHash } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { canonicalJson } from "@/lib/api/canonical-json";
import { recordCompletion } from "@/lib/completions/record";
import { credentialJwt } from "@/lib/credentials/jwt";
import type { AchievementCredential } from "@/lib/credentials/payload";
import { getCredentialAnswer } from "@/lib/credentials/queries";
import { wholeCredential } from "@/lib/credentials/stored";
import { massEnrolments, today } from "../support/completion-fixtures";
import { credentialRow } from "../support/credential-fixtures";

/** The PostgreSQL error under drizzle's wrapper (DrizzleQueryError keeps it as `cause`). */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    let err = e as { code?: string; message: string; cause?: unknown };
    while (err.cause && !err.code) err = err.cause as typeof err;
    return err.message;
  }
  throw new Error("expected the database to refuse the statement");
}

/** Passes for three learners of one course, recorded together. */
async function threePasses() {
  const fx = await massEnrolments(3, 1);
  const recorded = await Promise.all(
    fx.enrolmentIds.map((enrolmentId) =>
      recordCompletion(
        fx.actor,
        fx.seller.slug,
        { enrolmentId, score: "80", completedOn: today() },
        "api",
      ),
    ),
  );
  return recorded.map((r) => r.credentialId!);
}

describe("[CREDENTIALS] one stored template shared by the credentials of a course", () => {
  it("stores the template once, named by its hash, and every reader gets the whole credential", async () => {
    const ids = await threePasses();
    const db = await getDb();
    const rows = await db.select().from(s.credentials).where(inArray(s.credentials.id, ids));
    expect(rows).toHaveLength(3);
    const hashes = new Set(rows.map((r) => r.templateHash));
    expect(hashes.size).toBe(1);
    const [hash] = [...hashes];
    // Stored as the learner's own part only…
    for (const r of rows) {
      const own = r.payload as Record<string, unknown> & { credentialSubject: object };
      expect(Object.keys(own).sort()).toEqual([
        "credentialStatus",
        "credentialSubject",
        "id",
        "issuanceDate",
        "validFrom",
      ]);
      expect(own.credentialSubject).not.toHaveProperty("achievement");
      expect(JSON.stringify(own).length).toBeLessThan(1_200);
    }
    // Each learner's e-mail hash has a salt of its own, though drawn together.
    const salts = rows.map(
      (r) => (r.payload as AchievementCredential).credentialSubject.identifier[0]!.salt!,
    );
    expect(new Set(salts).size).toBe(3);
    for (const salt of salts) expect(salt).toMatch(/^[0-9a-f]{32}$/);
    // …and one template row, whose hash is the SHA-256 of its RFC 8785 form.
    const shared = await db
      .select()
      .from(s.credentialTemplates)
      .where(eq(s.credentialTemplates.hash, hash!));
    expect(shared).toHaveLength(1);
    const body = shared[0]!.body as { credentialSubject: { achievement: object } };
    expect(createHash("sha256").update(canonicalJson(body)).digest("hex")).toBe(hash);
    expect(body.credentialSubject.achievement).toMatchObject({
      type: ["Achievement"],
      achievementType: "Course",
    });
    // Every reader puts it back: the API's credential, the signed JWT's `vc`, the test helper.
    for (const id of ids) {
      const answer = (await getCredentialAnswer(id))!;
      const whole = answer.credential as AchievementCredential;
      expect(whole.credentialSubject.achievement).toEqual(body.credentialSubject.achievement);
      expect(whole.issuer).toEqual((body as unknown as AchievementCredential).issuer);
      expect(whole.id).toBe(`urn:uuid:${id}`);
      expect(decodeJwt((await credentialJwt(id))!).vc).toEqual(whole);
      expect((await credentialRow(id)).payload).toEqual(whole);
    }
  });

  it("a credential stored whole (issued before templates had a table) reads as it is", () => {
    const whole = { id: "urn:uuid:x", credentialSubject: { achievement: { name: "A" } } };
    expect(wholeCredential(whole, null)).toBe(whole);
  });

  it("refuses UPDATE, DELETE and TRUNCATE of a stored template", async () => {
    await threePasses();
    const db = await getDb();
    const [row] = await db.select().from(s.credentialTemplates).limit(1);
    const where = eq(s.credentialTemplates.hash, row!.hash);
    expect(
      await refusal(() => db.update(s.credentialTemplates).set({ body: {} }).where(where)),
    ).toMatch(/append-only/);
    expect(await refusal(() => db.delete(s.credentialTemplates).where(where))).toMatch(
      /append-only/,
    );
    expect(await refusal(() => db.execute(sql`truncate credential_templates cascade`))).toMatch(
      /append-only/,
    );
    const [still] = await db.select().from(s.credentialTemplates).where(where);
    expect(still).toEqual(row);
  });
});
