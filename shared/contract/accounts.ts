/**
 * Accounts, under /api/sites/:site/auth, from the site's origins only. No answer tells whether a
 * contact has an account: registering a taken contact answers like a new one (its owner gets a
 * notice instead of a code), a reset for an unknown contact like a known one, and sign-in has one
 * error for a wrong password and an unknown account.
 */
import type { AccountExport, CodeSent, Me, ResetTicket, SignedIn } from '../api.ts';
import {
  accountDeleteConfirmSchema,
  accountDeleteSchema,
  loginSchema,
  registerConfirmSchema,
  registerStartSchema,
  resendCodeSchema,
  resetFinishSchema,
  resetStartSchema,
  resetVerifySchema,
} from '../schemas.ts';
import { type EndpointTable, endpoint, type NoContent } from './endpoint.ts';

export const accountEndpoints = {
  /** Starts a registration and sends a code; the same answer whether or not the contact already has an account. */
  'POST /api/sites/:site/auth/register': endpoint('public').body(registerStartSchema).answers<CodeSent>(202),
  /** The account exists from here on; the password must be the one given at the start. */
  'POST /api/sites/:site/auth/register/confirm': endpoint('public')
    .body(registerConfirmSchema)
    .answers<SignedIn>(200),
  /** A new code, or 429 `rate_limited` with `retryAfter` seconds. */
  'POST /api/sites/:site/auth/code/resend': endpoint('public').body(resendCodeSchema).answers<CodeSent>(202),
  /** 401 `invalid_credentials` for an unknown account and a wrong password alike; 429 `rate_limited` or `account_locked` after failures. */
  'POST /api/sites/:site/auth/login': endpoint('public').body(loginSchema).answers<SignedIn>(200),
  /** Ends this session on the server. */
  'POST /api/sites/:site/auth/logout': endpoint('reader').answers<NoContent>(204),
  /** The signed-in reader; 401 when the session is gone. */
  'GET /api/sites/:site/auth/me': endpoint('reader').answers<Me>(200),
  /** Sends a code to change a forgotten password; the same answer whether or not the account exists. */
  'POST /api/sites/:site/auth/reset': endpoint('public').body(resetStartSchema).answers<CodeSent>(202),
  /** Uses up the code for a ticket (single use, 10 minutes). */
  'POST /api/sites/:site/auth/reset/verify': endpoint('public')
    .body(resetVerifySchema)
    .answers<ResetTicket>(200),
  /** Sets the new password; every session of the user ends. */
  'POST /api/sites/:site/auth/reset/finish': endpoint('public')
    .body(resetFinishSchema)
    .answers<NoContent>(204),
  /** The signed-in reader's data as JSON (docs/privacy.md); 10 an hour per reader. */
  'GET /api/sites/:site/account/export': endpoint('reader').answers<AccountExport>(200),
  /** Sends the code that confirms erasing the account to its own phone (else email); the send limits of codes apply. */
  'POST /api/sites/:site/account/delete': endpoint('reader').body(accountDeleteSchema).answers<CodeSent>(202),
  /** Erases the account with the code: name, contact, password, sessions and codes go; comments per the site's setting. */
  'POST /api/sites/:site/account/delete/confirm': endpoint('reader')
    .body(accountDeleteConfirmSchema)
    .answers<NoContent>(204),
} as const satisfies EndpointTable;
