export const errorCodes = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export type ValidationCode =
  | "required"
  | "invalid_email"
  | "too_short"
  | "too_long"
  | "invalid_choice"
  | "invalid_format"
  | "mismatch"
  | "taken"
  | "unknown_field"
  | "invalid";

/** What is wrong with one field; the UI words it in the visitor's language. */
export type FieldIssue = { code: ValidationCode; min?: number; max?: number };
export type FieldErrors = Record<string, FieldIssue>;

/**
 * The one error services throw; boundaries map it to form state or an HTTP answer.
 * `reason` is a stable key the UI translates (`errors.<reason>`); `message` is English for
 * logs and API clients.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reason: string;
  readonly fields?: FieldErrors;
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    reason: string,
    message: string,
    extra: { fields?: FieldErrors; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.reason = reason;
    this.fields = extra.fields;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  get status(): number {
    return errorCodes[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export const forbidden = (what = "You may not do this") =>
  new AppError("FORBIDDEN", "forbidden", what);
export const notFound = (what = "Not found") => new AppError("NOT_FOUND", "not_found", what);
