import type { Challenge } from 'altcha-lib';

/**
 * Stable error codes. The server answers `{"error": {"code", "message"}}` with the status below;
 * the widget shows the message of its own dictionary for the code (see i18n/reader/en.ts `errors`).
 * Codes are part of the public HTTP contract: add new ones, never rename.
 */
export const errorStatus = {
  invalid_request: 400,
  /** Not a valid email or phone number. */
  contact_invalid: 400,
  /** The password breaks the rule, is too common, or repeats the phone or email. */
  password_weak: 400,
  /** The display name is empty, too long or holds invisible or control characters. */
  name_invalid: 400,
  /** Wrong, expired, used, or dead after too many tries: one answer for all (no oracle). */
  code_invalid: 400,
  /** SMS codes are not sent to this number's country for this site. */
  sms_country_not_allowed: 400,
  /** Same answer for an unknown account and a wrong password. */
  invalid_credentials: 401,
  unauthorized: 401,
  origin_not_allowed: 403,
  forbidden: 403,
  /** The reader is banned from the site; `until` says until when (null: for good). */
  banned: 403,
  /** Comments can be edited only within 15 minutes of posting. */
  edit_window_closed: 403,
  /** The thread is closed to new comments (by an admin, or the site's closeAfterDays). */
  thread_closed: 403,
  /** A reader reacting to their own comment. */
  own_comment: 403,
  /** "Не нравится" on a site that has only likes. */
  dislikes_off: 403,
  /** The page has as many pinned comments as it may (3): unpin one first. */
  pin_limit: 409,
  /** The same text as the author's previous comment. */
  duplicate_comment: 409,
  restore_unavailable: 409,
  /** The change would leave the site without an admin: make another admin first. */
  last_admin: 409,
  /** Empty, or longer than the site allows. */
  text_invalid: 400,
  /** "Other" needs a description of up to 500 characters; other reasons take none. */
  complaint_invalid: 400,
  not_found: 404,
  site_not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /**
   * A scope this request falls in (its number range, network, country or site) is sending a lot:
   * solve the ALTCHA proof-of-work `challenge` of the body and repeat the request with `proof`.
   */
  challenge_required: 428,
  rate_limited: 429,
  /** Too many failed sign-ins in a row: only a password change unlocks the account. */
  account_locked: 429,
  internal: 500,
  /** The SMS gateway or mail server did not take the message; nothing was stored. */
  delivery_failed: 502,
  /** The site's daily SMS budget is spent; codes still go by email. */
  sms_unavailable: 503,
  widget_not_built: 503,
  /** The database does not answer (a restart, a full disk, an I/O error): try again shortly. */
  storage_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** With rate_limited: whole seconds until the request may be repeated (also in Retry-After). */
    retryAfter?: number;
    /** With rate_limited for a comment posted too soon after the last: the seconds between two. */
    interval?: number;
    /** With banned: when the ban ends (ms since the epoch), null for a permanent ban. */
    until?: number | null;
    /** With banned: the reason the admin gave. */
    reason?: string;
    /** With challenge_required: the proof-of-work challenge to solve (ALTCHA v2, altcha-lib). */
    challenge?: PowChallenge;
  };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorStatus, value);
}

/** An ALTCHA challenge as altcha-lib creates it: signed parameters, solved by trying counters. */
export type PowChallenge = Pick<Challenge, 'parameters' | 'signature'>;
