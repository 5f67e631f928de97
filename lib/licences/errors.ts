import { AppError, type ErrorCode, type FieldErrors } from "@/lib/errors";

/**
 * An AppError that carries values for its message (how many seats are free, which address is
 * bad), so the form can say them; `lib/licences/actions.ts` passes them to the form state.
 */
export class LicenceError extends AppError {
  readonly params: Record<string, string | number>;

  constructor(
    code: ErrorCode,
    reason: string,
    message: string,
    params: Record<string, string | number> = {},
    fields?: FieldErrors,
  ) {
    super(code, reason, message, { fields });
    this.params = params;
  }
}
