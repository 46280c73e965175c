/**
 * The one error the server's rules throw when they refuse a request: a stable code of
 * shared/errors.ts, an English message, and what the client needs to act on it. Rules in auth/,
 * storage/ and routes/ throw it without knowing HTTP; http/errors.ts turns it into the answer
 * `{"error": {"code", "message", …}}` with the code's status.
 */
import type { ErrorBody, ErrorCode } from '../shared/errors.ts';
import { en } from '../shared/i18n/reader/en.ts';

export type RefusalDetails = Omit<ErrorBody['error'], 'code' | 'message'>;

export class Refusal extends Error {
  /** For the server's log only, never the answer: which limit refused ("limit=range:1h"). */
  logNote?: string;

  constructor(
    readonly code: ErrorCode,
    message: string = en.errors[code],
    /** retryAfter, a ban's until and reason, or a challenge to solve. */
    readonly details: RefusalDetails = {},
  ) {
    super(message);
  }

  /** The same refusal, with a note for the request's log line. */
  noted(note: string): this {
    this.logNote = note;
    return this;
  }
}

/** rate_limited with the whole seconds to wait (at least 1). */
export function rateLimited(retryAfter: number): Refusal {
  return new Refusal('rate_limited', undefined, { retryAfter: Math.max(1, Math.ceil(retryAfter)) });
}
