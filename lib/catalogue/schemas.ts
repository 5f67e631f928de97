import { z } from "zod";
import { deliveryModes, type offerKinds, resourceKinds } from "@/db/schema/catalogue";

export const languageCodes = ["zh", "en", "fr", "de", "ja", "ko", "ru", "es"] as const;

const activeHtml =
  /<\s*\/?\s*(script|iframe|object|embed|style|form)\b|javascript\s*:|<[^>]*\son\w+\s*=/i;
// PostgreSQL has no year 0 and people no enrolment windows in antiquity.
const enrolDate = z.iso.datetime({ offset: true }).refine(
  (v) => {
    const y = new Date(v).getUTCFullYear();
    return y >= 2000 && y <= 2200;
  },
  { params: { code: "invalid" }, message: "a date between the years 2000 and 2200" },
);
const text = (max: number) => z.string().trim().max(max);
const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const outcomeSchema = z.strictObject({
  zh: text(500).default(""),
  en: text(500).default(""),
});

export const offersSchema = z.strictObject({
  learner: z
    .strictObject({ amountMinor: int(0, 100_000_000) })
    .nullable()
    .optional(),
  seat: z
    .strictObject({
      amountMinor: int(0, 100_000_000),
      minQuantity: int(1, 100_000).default(1),
      termMonths: int(1, 120).default(12),
    })
    .nullable()
    .optional(),
  siteLicence: z
    .strictObject({ amountMinor: int(0, 100_000_000), termMonths: int(1, 120).default(12) })
    .nullable()
    .optional(),
});
export type OffersInput = z.infer<typeof offersSchema>;
export const offerKindOf = {
  learner: "learner",
  seat: "seat",
  siteLicence: "site_licence",
} as const satisfies Record<keyof OffersInput, (typeof offerKinds)[number]>;

/** Every content field of a resource; all optional so the same shape serves create and patch. */
const resourceFields = {
  kind: z.enum(resourceKinds),
  titleZh: text(200),
  titleEn: text(200),
  summaryZh: text(1000),
  summaryEn: text(1000),
  // Markdown is rendered sanitised anyway; raw active HTML is refused outright so it is never stored.
  descriptionMd: text(20_000).refine((v) => !activeHtml.test(v), {
    params: { code: "invalid" },
    message: "active HTML (script, iframe, javascript: URLs) is not allowed",
  }),
  fieldCode: z
    .string()
    .trim()
    .regex(/^\d{2,3}$/),
  level: int(1, 10),
  creditsX100: int(0, 10_000),
  learningHours: int(0, 10_000),
  outcomes: z.array(outcomeSchema).max(20),
  languages: z.array(z.enum(languageCodes)).min(1).max(languageCodes.length),
  deliveryMode: z.enum(deliveryModes),
  assessment: text(2000),
  completionRule: z.strictObject({
    minScore: int(0, 100).nullable().default(null),
    minAttendancePct: int(0, 100).nullable().default(null),
  }),
  prerequisites: text(2000),
  capacity: int(1, 1_000_000).nullable(),
  enrolOpensAt: enrolDate.nullable(),
  enrolClosesAt: enrolDate.nullable(),
  offers: offersSchema,
};

/**
 * Cross-field rules run even when single fields failed (`when`), so one answer names every
 * problem of an input (a file is fixed in one round); they read the values defensively.
 */
const evenWithIssues = {
  when: (p: { value: unknown }) => typeof p.value === "object" && p.value !== null,
};

function checkCommon(
  v: {
    titleZh?: string;
    titleEn?: string;
    summaryZh?: string;
    summaryEn?: string;
    kind?: string;
    creditsX100?: number;
    enrolOpensAt?: string | null;
    enrolClosesAt?: string | null;
  },
  ctx: z.RefinementCtx,
  isCreate: boolean,
) {
  if (isCreate) {
    const zhComplete = !!v.titleZh && !!v.summaryZh;
    const enComplete = !!v.titleEn && !!v.summaryEn;
    if (!zhComplete && !enComplete) {
      for (const path of [
        v.titleZh ? "summaryZh" : "titleZh",
        v.titleEn ? "summaryEn" : "titleEn",
      ]) {
        ctx.addIssue({
          code: "custom",
          path: [path],
          message: "title and summary in at least one language",
          params: { code: "required" },
        });
      }
    }
  }
  if (v.kind === "learning_resource" && typeof v.creditsX100 === "number" && v.creditsX100 !== 0) {
    ctx.addIssue({
      code: "custom",
      path: ["creditsX100"],
      message: "learning resources carry no credits",
      params: { code: "invalid" },
    });
  }
  if (
    typeof v.enrolOpensAt === "string" &&
    typeof v.enrolClosesAt === "string" &&
    Date.parse(v.enrolOpensAt) >= Date.parse(v.enrolClosesAt)
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["enrolClosesAt"],
      message: "must be after enrolOpensAt",
      params: { code: "invalid" },
    });
  }
}

export const createResourceSchema = z
  .strictObject({
    // Optional: made from the institution's slug and the title when absent.
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .min(3)
      .max(120)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .optional(),
    ...resourceFields,
    titleZh: resourceFields.titleZh.default(""),
    titleEn: resourceFields.titleEn.default(""),
    summaryZh: resourceFields.summaryZh.default(""),
    summaryEn: resourceFields.summaryEn.default(""),
    descriptionMd: resourceFields.descriptionMd.default(""),
    outcomes: resourceFields.outcomes.default([]),
    assessment: resourceFields.assessment.default(""),
    completionRule: resourceFields.completionRule.default({
      minScore: null,
      minAttendancePct: null,
    }),
    prerequisites: resourceFields.prerequisites.default(""),
    capacity: resourceFields.capacity.default(null),
    enrolOpensAt: resourceFields.enrolOpensAt.default(null),
    enrolClosesAt: resourceFields.enrolClosesAt.default(null),
    offers: resourceFields.offers.default({}),
  })
  .superRefine((v, ctx) => checkCommon(v, ctx, true), evenWithIssues);
export type CreateResourceInput = z.infer<typeof createResourceSchema>;

export const updateResourceSchema = z
  .strictObject({
    titleZh: resourceFields.titleZh,
    titleEn: resourceFields.titleEn,
    summaryZh: resourceFields.summaryZh,
    summaryEn: resourceFields.summaryEn,
    descriptionMd: resourceFields.descriptionMd,
    fieldCode: resourceFields.fieldCode,
    level: resourceFields.level,
    creditsX100: resourceFields.creditsX100,
    learningHours: resourceFields.learningHours,
    outcomes: resourceFields.outcomes,
    languages: resourceFields.languages,
    deliveryMode: resourceFields.deliveryMode,
    assessment: resourceFields.assessment,
    // Partial: a patch of one threshold leaves the other as it is.
    completionRule: z.strictObject({
      minScore: int(0, 100).nullable().optional(),
      minAttendancePct: int(0, 100).nullable().optional(),
    }),
    prerequisites: resourceFields.prerequisites,
    capacity: resourceFields.capacity,
    enrolOpensAt: resourceFields.enrolOpensAt,
    enrolClosesAt: resourceFields.enrolClosesAt,
    offers: resourceFields.offers,
  })
  .partial()
  .superRefine((v, ctx) => checkCommon(v, ctx, false), evenWithIssues);
export type UpdateResourceInput = z.infer<typeof updateResourceSchema>;

export const reviewDecisionSchema = z.discriminatedUnion("decision", [
  z.strictObject({
    resourceId: z.uuid(),
    decision: z.literal("approve"),
    reason: text(2000).optional(),
  }),
  z.strictObject({
    resourceId: z.uuid(),
    decision: z.literal("request_changes"),
    reason: text(2000).min(1),
  }),
  z.strictObject({
    resourceId: z.uuid(),
    decision: z.literal("reject"),
    reason: text(2000).min(1),
  }),
]);

export const resourceIdSchema = z.uuid();

/** Fields whose change on a published resource needs the alliance's review again. */
export const materialFields = ["creditsX100", "level", "outcomes", "completionRule"] as const;
