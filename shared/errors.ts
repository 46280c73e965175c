/**
 * Stable error codes. The server answers `{"error": {"code", "message"}}` with the status below;
 * the widget shows the message of its own dictionary for the code (see i18n/en.ts `errors`).
 * Codes are part of the public HTTP contract: add new ones, never rename.
 */
export const errorStatus = {
  invalid_request: 400,
  unauthorized: 401,
  origin_not_allowed: 403,
  forbidden: 403,
  not_found: 404,
  site_not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  widget_not_built: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorStatus, value);
}
