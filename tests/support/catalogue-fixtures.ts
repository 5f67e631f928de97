import type { Viewer } from "@/lib/auth/load-principal";
import type { Actor } from "@/lib/auth/actor";
import { createResource } from "@/lib/catalogue/create-resource";
import { submitForReview } from "@/lib/catalogue/lifecycle";
import { reviewResource } from "@/lib/catalogue/review-resource";
import { addMember, createInstitution, createUser, mustViewer } from "./fixtures";

export async function editorAndAdmin() {
  const inst = await createInstitution();
  const editorUser = await createUser();
  await addMember(inst.id, editorUser.id, "editor");
  const editor = await mustViewer(editorUser.id);
  const admin = await mustViewer((await createUser({ platformRole: "admin" })).id);
  return { inst, editor, admin, actor: { type: "user", viewer: editor } as Actor };
}

export function courseInput(over: Record<string, unknown> = {}) {
  return {
    kind: "course",
    titleZh: "管理会计学",
    titleEn: "Management Accounting",
    summaryZh: "面向企业管理的会计方法。",
    summaryEn: "Accounting methods for managing a business.",
    descriptionMd: "## 内容\n\n预算、成本与绩效。",
    fieldCode: "041",
    level: 6,
    creditsX100: 300,
    learningHours: 48,
    outcomes: [{ zh: "编制预算", en: "Prepare a budget" }],
    languages: ["zh"],
    deliveryMode: "online",
    assessment: "期末考试",
    completionRule: { minScore: 60, minAttendancePct: null },
    offers: { learner: { amountMinor: 19900 }, seat: { amountMinor: 15000, minQuantity: 10 } },
    ...over,
  };
}

/** Create, submit and approve: a published resource. */
export async function publishedResource(
  actor: Actor,
  admin: Viewer,
  instSlug: string,
  over: Record<string, unknown> = {},
) {
  const created = await createResource(actor, instSlug, courseInput(over));
  await submitForReview(actor, created.id);
  await reviewResource(admin, { resourceId: created.id, decision: "approve" });
  return created;
}
