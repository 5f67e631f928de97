import type { FieldIssue } from "@/lib/errors";
import type { ImportFormat } from "./import-file";

/** How the import page words a refused field: pure, so both languages and tests share it. */

const csvColumnOfPath: Record<string, string> = {
  "completionRule.minScore": "minScore",
  "completionRule.minAttendancePct": "minAttendancePct",
  "offers.learner.amountMinor": "learnerPriceMinor",
  "offers.seat.amountMinor": "seatPriceMinor",
  "offers.seat.minQuantity": "seatMinQuantity",
  "offers.siteLicence.amountMinor": "siteLicencePriceMinor",
};

const numericLeaves = new Set([
  "level",
  "creditsX100",
  "learningHours",
  "capacity",
  "minScore",
  "minAttendancePct",
  "amountMinor",
  "minQuantity",
]);

/** The name a person knows the field by: its CSV column, or the JSON path. */
export function fieldLabel(format: ImportFormat, path: string): string {
  if (format !== "csv") return path;
  const outcome = /^outcomes\.\d+\.(zh|en)$/.exec(path);
  if (outcome) return outcome[1] === "zh" ? "outcomesZh" : "outcomesEn";
  if (/^languages\.\d+$/.test(path)) return "languages";
  return csvColumnOfPath[path] ?? path;
}

export type IssueMessage =
  | { ns: "validation"; key: FieldIssue["code"]; min: number; max: number }
  | {
      ns: "importUi";
      key: "rowNotRecognised" | "numberTooSmall" | "numberTooLarge";
      min: number;
      max: number;
    };

/**
 * The message for one field issue. The shared validation words bounds as characters, which
 * reads wrongly for numbers; "_" is the row itself (not an object; unknown keys are named).
 */
export function issueMessage(path: string, issue: FieldIssue): IssueMessage {
  const bounds = { min: issue.min ?? 0, max: issue.max ?? 0 };
  if (path === "_") return { ns: "importUi", key: "rowNotRecognised", ...bounds };
  const leaf = path.split(".").at(-1) ?? path;
  if (numericLeaves.has(leaf) && issue.code === "too_short")
    return { ns: "importUi", key: "numberTooSmall", ...bounds };
  if (numericLeaves.has(leaf) && issue.code === "too_long")
    return { ns: "importUi", key: "numberTooLarge", ...bounds };
  return { ns: "validation", key: issue.code, ...bounds };
}
