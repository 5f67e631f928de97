import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import * as s from "@/db/schema";
import { searchRowValues } from "@/lib/search/documents";
import { UNKNOWN_FIELD_CODE } from "@/lib/standard/defaults";
import { sjtuRows, ustcRows } from "@/db/shared-data";
import { prng } from "./stats";

const suffixZh = [
  "",
  "（一）",
  "（二）",
  "（进阶）",
  "（实践）",
  "（在线）",
  "专题",
  "导论",
  "案例分析",
  "实验",
];
const suffixEn = [
  "",
  " I",
  " II",
  " (Advanced)",
  " (Practice)",
  " (Online)",
  " Topics",
  ": An Introduction",
  " Case Studies",
  " Lab",
];
const deliveries = ["online", "blended", "in_person"] as const;
const kinds = [
  "course",
  "course",
  "course",
  "micro_credential",
  "certificate_programme",
  "learning_resource",
] as const;

/**
 * N published resources built from the real course lists (SJTU, USTC) and variants of them
 * (suffixes, other members, levels, credits, prices), bulk-inserted with their search rows.
 */
export async function loadBenchCorpus(
  db: Db,
  n: number,
  onProgress: (done: number) => void,
): Promise<void> {
  const rand = prng(20261128);
  const base = [...ustcRows(), ...sjtuRows()].map((r) => r.row as Record<string, unknown>);
  const insts = await db.select().from(s.institutions);
  const members = insts.filter((i) => i.status === "member");
  const lexicon = new Map<string, number>();
  const BATCH = 1000;
  for (let start = 0; start < n; start += BATCH) {
    const resources: (typeof s.resources.$inferInsert)[] = [];
    const versions: (typeof s.resourceVersions.$inferInsert)[] = [];
    const offers: (typeof s.resourceOffers.$inferInsert)[] = [];
    const searchRows: ReturnType<typeof searchRowValues>["values"][] = [];
    for (let i = start; i < Math.min(n, start + BATCH); i++) {
      const b = base[i % base.length]!;
      const round = Math.floor(i / base.length);
      const inst =
        round === 0
          ? (members.find((m) => b.slug && String(b.slug).startsWith(`${m.slug}-`)) ?? members[0]!)
          : members[Math.floor(rand() * members.length)]!;
      const kind = round === 0 ? "course" : kinds[Math.floor(rand() * kinds.length)]!;
      const credits =
        kind === "learning_resource"
          ? 0
          : round === 0
            ? Number(b.creditsX100)
            : 100 * (1 + Math.floor(rand() * 6));
      const price = rand() < 0.2 ? 0 : rand() < 0.1 ? null : 100 * Math.floor(50 + rand() * 3000);
      const at = new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 1000 * 86_400_000));
      const versionId = randomUUID();
      const resource = {
        id: randomUUID(),
        liveVersionId: versionId,
        institutionId: inst.id,
        slug: `${inst.slug}-bench-${i}`,
        kind,
        status: "published" as const,
        isFeatured: false,
        firstPublishedAt: at,
        createdAt: at,
        updatedAt: at,
      };
      const version = {
        id: versionId,
        resourceId: resource.id,
        version: 1,
        state: "published" as const,
        titleZh: `${b.titleZh ?? ""}${round === 0 ? "" : suffixZh[round % suffixZh.length]}`,
        titleEn: b.titleEn
          ? `${b.titleEn}${round === 0 ? "" : suffixEn[round % suffixEn.length]}`
          : "",
        summaryZh: String(b.summaryZh ?? ""),
        summaryEn: String(b.summaryEn ?? ""),
        descriptionMd: "",
        fieldCode: String(b.fieldCode ?? UNKNOWN_FIELD_CODE),
        level: round === 0 ? Number(b.level) : 1 + Math.floor(rand() * 10),
        creditsX100: credits,
        learningHours: Math.round((credits / 100) * 16),
        outcomes: [],
        languages: rand() < 0.15 ? ["zh", "en"] : ["zh"],
        deliveryMode: deliveries[Math.floor(rand() * deliveries.length)]!,
        assessment: "",
        prerequisites: "",
        createdAt: at,
        decidedAt: at,
      };
      resources.push(resource);
      versions.push(version);
      if (price !== null)
        offers.push({
          resourceId: resource.id,
          kind: "learner",
          amountMinor: price,
          currency: "CNY",
          minQuantity: 1,
        });
      const { values, lexicon: words } = searchRowValues({
        resource: { ...resource, pendingVersionId: null, createdBy: null },
        version: {
          ...version,
          minScore: null,
          minAttendancePct: null,
          capacity: null,
          enrolOpensAt: null,
          enrolClosesAt: null,
          coverImageKey: null,
          reviewReason: null,
          createdBy: null,
          submittedAt: null,
          decidedBy: null,
        } as typeof s.resourceVersions.$inferSelect,
        institution: inst,
        learnerPrice: price,
      });
      searchRows.push(values);
      for (const w of words) lexicon.set(w, (lexicon.get(w) ?? 0) + 1);
    }
    await db.transaction(async (tx) => {
      await tx.insert(s.resources).values(resources);
      await tx.insert(s.resourceVersions).values(versions);
      if (offers.length) await tx.insert(s.resourceOffers).values(offers);
      await tx.insert(s.catalogueSearch).values(searchRows);
    });
    onProgress(Math.min(n, start + BATCH));
  }
  const words = [...lexicon];
  for (let i = 0; i < words.length; i += 5000) {
    await db
      .insert(s.searchLexicon)
      .values(words.slice(i, i + 5000).map(([word, docCount]) => ({ word, docCount })))
      .onConflictDoUpdate({
        target: s.searchLexicon.word,
        set: { docCount: sql`excluded.doc_count` },
      });
  }
  // A steady state: GIN pending lists merged and statistics fresh, as autovacuum would leave it.
  await db.execute(sql`vacuum analyze`);
}
