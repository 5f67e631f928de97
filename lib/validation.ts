import type { z } from "zod";
import { AppError, type FieldErrors, type FieldIssue } from "./errors";

type ZodIssue = z.core.$ZodIssue;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function toFieldIssue(issue: ZodIssue, input: unknown): FieldIssue {
  // Missing is "required" whatever the schema (zod reports a missing enum as invalid_value).
  if (issue.code !== "custom" && issue.path.length > 0) {
    const value = valueAt(input, issue.path);
    if (value === undefined || value === null) return { code: "required" };
  }
  switch (issue.code) {
    case "invalid_type": {
      const value = valueAt(input, issue.path);
      return { code: value === undefined || value === null ? "required" : "invalid" };
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string" && min <= 1) return { code: "required" };
      return { code: "too_short", min };
    }
    case "too_big":
      return { code: "too_long", max: Number(issue.maximum) };
    case "invalid_format":
      return { code: issue.format === "email" ? "invalid_email" : "invalid_format" };
    case "invalid_value":
      return { code: "invalid_choice" };
    case "custom":
      return { code: (issue.params?.code as FieldIssue["code"] | undefined) ?? "invalid" };
    default:
      return { code: "invalid" };
  }
}

/**
 * Zod issues → one issue per field (the first), keyed by the dotted path. A key the schema does
 * not know is named itself (`offers.colour`), so the sender sees which one to drop; `_` is left
 * for input that is not an object at all.
 */
export function fieldErrorsOf(error: z.ZodError, input: unknown): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) {
        fields[[...issue.path, k].map(String).join(".")] ??= { code: "unknown_field" };
      }
      continue;
    }
    const key = issue.path.map(String).join(".") || "_";
    fields[key] ??= toFieldIssue(issue, input);
  }
  return fields;
}

export function describeFieldErrors(fields: FieldErrors): string {
  return Object.entries(fields)
    .map(([name, i]) => {
      const bound =
        i.min !== undefined ? ` (min ${i.min})` : i.max !== undefined ? ` (max ${i.max})` : "";
      return `${name}: ${i.code}${bound}`;
    })
    .join("; ");
}

/** The path of the first string holding a NUL character (PostgreSQL refuses those in text). */
function nulPath(v: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof v === "string") return v.includes("\u0000") ? path.join(".") || "_" : null;
  if (v === null || typeof v !== "object" || depth > 32) return null;
  for (const [k, x] of Object.entries(v)) {
    const p = nulPath(x, [...path, k], depth + 1);
    if (p) return p;
  }
  return null;
}

/** Parse input at a boundary; bad input becomes a BAD_REQUEST naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const nul = nulPath(input);
  if (nul) {
    throw new AppError("BAD_REQUEST", "validation", `Invalid input: ${nul}: invalid`, {
      fields: { [nul]: { code: "invalid" } },
    });
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldErrorsOf(result.error, input);
  throw new AppError("BAD_REQUEST", "validation", `Invalid input: ${describeFieldErrors(fields)}`, {
    fields,
  });
}

/** FormData → plain object (last value wins; files are dropped: uploads have their own path). */
export function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v === "string" && !k.startsWith("$ACTION")) out[k] = v;
  }
  return out;
}
