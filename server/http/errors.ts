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
    /** Whole seconds until the request may be repeated; sent in the body and as Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** 429 with the seconds to wait, in the body (`retryAfter`) and in the Retry-After header. */
export function tooSoon(retryAfter: number): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfter));
  return new ApiError('rate_limited', en.errors.rate_limited, { 'Retry-After': String(seconds) }, seconds);
}

export function errorBody(code: ErrorCode, message: string = en.errors[code]): ErrorBody {
  return { error: { code, message } };
}

export function errorResponse(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  const body = errorBody(error.code, error.message);
  if (error.retryAfter !== undefined) body.error.retryAfter = error.retryAfter;
  return c.json(body, errorStatus[error.code] as ContentfulStatusCode);
}
