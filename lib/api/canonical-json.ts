import { AppError } from "@/lib/errors";
import { createHash } from "node:crypto";

/**
 * JSON with every object's keys sorted, so two bodies that mean the same thing (keys in another
 * order, other whitespace) hash the same. Like JSON.stringify, undefined object members vanish.
 */
// No real request nests this deep; a hostile one would otherwise exhaust the stack (a 500).
const MAX_DEPTH = 64;

export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) {
    throw new AppError(
      "BAD_REQUEST",
      "too_deep",
      `The JSON body nests deeper than ${MAX_DEPTH} levels`,
    );
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v, depth + 1))).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const members = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k], depth + 1)}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function hashBody(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body)).digest("hex");
}
