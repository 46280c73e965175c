import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorStatus } from '../../shared/errors.ts';
import type { Refusal } from '../refusal.ts';

/**
 * `{"error": {"code", "message", …}}` with the code's status. A wait travels in the body
 * (`retryAfter`) and in the Retry-After header.
 */
export function errorResponse(c: Context, refusal: Refusal, headers: Record<string, string> = {}): Response {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  if (refusal.details.retryAfter !== undefined) c.header('Retry-After', String(refusal.details.retryAfter));
  return c.json(
    { error: { code: refusal.code, message: refusal.message, ...refusal.details } },
    errorStatus[refusal.code] as ContentfulStatusCode,
  );
}
