import { AppError } from "@/lib/errors";
import { decimalToMinor } from "@/lib/money/minor-units";
import { SCORE_EXPONENT, type CompletionInput } from "./schemas";

type Rule = { minScore: number | null; minAttendancePct: number | null };
export type Verdict = { outcome: "pass" | "fail"; reason: string | null };

/**
 * The resource version's completion rule decides pass or fail; the reason of a fail is stored
 * and shown to the learner. A rule that sets a minimum needs that figure in the result.
 */
export function evaluateRule(
  rule: Rule,
  data: Pick<CompletionInput, "score" | "attendancePct">,
): Verdict {
  if (rule.minScore != null && data.score === undefined) {
    throw new AppError("BAD_REQUEST", "score_required", "The completion rule needs a score", {
      fields: { score: { code: "required" } },
    });
  }
  if (rule.minAttendancePct != null && data.attendancePct === undefined) {
    throw new AppError(
      "BAD_REQUEST",
      "attendance_required",
      "The completion rule needs attendance",
      {
        fields: { attendancePct: { code: "required" } },
      },
    );
  }
  if (
    rule.minScore != null &&
    data.score! < decimalToMinor(String(rule.minScore), SCORE_EXPONENT)
  ) {
    return { outcome: "fail", reason: "score_below_minimum" };
  }
  if (rule.minAttendancePct != null && data.attendancePct! < rule.minAttendancePct) {
    return { outcome: "fail", reason: "attendance_below_minimum" };
  }
  return { outcome: "pass", reason: null };
}
