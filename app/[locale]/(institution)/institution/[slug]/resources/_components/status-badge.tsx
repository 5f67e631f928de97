import type { ReactNode } from "react";

const tones = {
  draft: "border-slate-300 bg-slate-100 text-slate-800",
  in_review: "border-amber-300 bg-amber-50 text-amber-900",
  changes_requested: "border-orange-300 bg-orange-50 text-orange-900",
  rejected: "border-red-300 bg-red-50 text-red-900",
  published: "border-green-300 bg-green-50 text-green-900",
  superseded: "border-slate-300 bg-white text-slate-700",
  suspended: "border-red-300 bg-red-50 text-red-900",
  archived: "border-slate-300 bg-slate-200 text-slate-800",
} as const;

/** A status in words (never colour alone), tinted by state. */
export function StatusBadge({ status, children }: { status: string; children: ReactNode }) {
  const tone = tones[status as keyof typeof tones] ?? tones.draft;
  return (
    <span
      className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${tone}`}
    >
      {children}
    </span>
  );
}
