/*
 * The OpenAPI document flattened for the readable reference page (/developers), so that page and
 * /api/v1/openapi.json cannot tell different stories. Only the parts the page shows are typed.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
};
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, unknown>;
};
export type DocumentLike = { paths?: object };

export type ParameterLimits = Pick<
  Schema,
  "enum" | "minimum" | "maximum" | "minLength" | "maxLength" | "pattern" | "format" | "default"
>;

export type ParameterSummary = {
  name: string;
  in: string;
  required: boolean;
  type: string;
  limits: ParameterLimits;
};

export type OperationSummary = {
  id: string;
  method: string;
  path: string;
  summary: string;
  scopes: string[];
  // Declared with an empty security list: callable without any key.
  isPublic: boolean;
  /** Called with the learner's session (the `session` scheme), not with an API key. */
  bySession: boolean;
  parameters: ParameterSummary[];
  requestBody: string | null;
  statuses: string[];
};

const methods = ["get", "post", "put", "patch", "delete"] as const;

const refName = (ref: string | undefined) => (ref ? ref.split("/").pop()! : null);

function limitsOf(s: Schema = {}): ParameterLimits {
  const { enum: values, minimum, maximum, minLength, maxLength, pattern, format } = s;
  const limits: ParameterLimits = { enum: values, minimum, maximum, minLength, maxLength };
  // A pattern says more than the rest only when nothing else bounds the value.
  if (!values && maxLength === undefined) limits.pattern = pattern;
  if (format) limits.format = format;
  if (s.default !== undefined && s.default !== "") limits.default = s.default;
  return Object.fromEntries(
    Object.entries(limits).filter(([, v]) => v !== undefined),
  ) as ParameterLimits;
}

function typeOf(s: Schema = {}): string {
  return Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? refName(s.$ref) ?? "");
}

export function summarizeOperations(doc: DocumentLike): OperationSummary[] {
  const out: OperationSummary[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}) as [
    string,
    Record<string, Operation>,
  ][]) {
    for (const method of methods) {
      const op = item[method];
      if (!op) continue;
      out.push({
        id: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? "",
        scopes: (op.security ?? []).flatMap((req) => Object.values(req).flat()),
        isPublic: Array.isArray(op.security) && op.security.length === 0,
        bySession: (op.security ?? []).some((req) => "session" in req),
        parameters: (op.parameters ?? [])
          .filter((p): p is Parameter => "name" in p)
          .map((p) => ({
            name: p.name,
            in: p.in,
            required: p.required ?? false,
            type: typeOf(p.schema),
            limits: limitsOf(p.schema),
          })),
        requestBody: refName(op.requestBody?.content?.["application/json"]?.schema?.$ref),
        statuses: Object.keys(op.responses ?? {}).sort(),
      });
    }
  }
  return out;
}
