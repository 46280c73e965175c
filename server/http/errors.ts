import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorBody, type ErrorCode, errorStatus } from '../../shared/errors.ts';
import { en } from '../../shared/i18n/en.ts';

/** Thrown by handlers and guards; app.ts turns it into `{"error": {"code", "message"}}`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = en.errors[code],
    /** Extra response headers (Retry-After, CORS on refusals). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string = en.errors[code]): ErrorBody {
  return { error: { code, message } };
}

export function errorResponse(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(errorBody(error.code, error.message), errorStatus[error.code] as ContentfulStatusCode);
}
