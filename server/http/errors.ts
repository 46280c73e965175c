import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorBody, type ErrorCode, errorStatus } from '../../shared/errors.ts';
import { en } from '../../shared/i18n/reader/en.ts';

/** Thrown by handlers and guards; app.ts turns it into `{"error": {"code", "message"}}`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = en.errors[code],
    /** Extra response headers (Retry-After, CORS on refusals). */
    readonly headers: Record<string, string> = {},
    /** Extra fields of the error body: retryAfter, or a ban's until and reason. */
    readonly fields: Omit<ErrorBody['error'], 'code' | 'message'> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string = en.errors[code]): ErrorBody {
  return { error: { code, message } };
}

export function errorResponse(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  const body = errorBody(error.code, error.message);
  return c.json(
    { error: { ...body.error, ...error.fields } },
    errorStatus[error.code] as ContentfulStatusCode,
  );
}

/** 429 with the whole seconds to wait, in the body (`retryAfter`) and in the Retry-After header. */
export function rateLimited(retryAfter: number): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfter));
  return new ApiError('rate_limited', undefined, { 'Retry-After': String(seconds) }, { retryAfter: seconds });
}
