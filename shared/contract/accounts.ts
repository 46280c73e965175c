/**
 * Accounts, under /api/sites/:site/auth, from the site's origins only. No answer tells whether a
 * contact has an account: registering a taken contact answers like a new one (its owner gets a
 * notice instead of a code), a reset for an unknown contact like a known one, and sign-in has one
 * error for a wrong password and an unknown account.
 */
import type { CodeSent, Me, ResetTicket, SignedIn } from '../api.ts';
import {
  loginSchema,
  registerConfirmSchema,
  registerStartSchema,
  resendCodeSchema,
  resetFinishSchema,
  resetStartSchema,
  resetVerifySchema,
} from '../schemas.ts';
import { type EndpointTable, type NoContent, returns } from './endpoint.ts';

export const accountEndpoints = {
  'POST /api/sites/:site/auth/register': {
    access: 'public',
    body: registerStartSchema,
    status: 202,
    answer: returns<CodeSent>(),
    doc: 'Starts a registration and sends a code; the same answer whether or not the contact already has an account',
  },
  'POST /api/sites/:site/auth/register/confirm': {
    access: 'public',
    body: registerConfirmSchema,
    status: 200,
    answer: returns<SignedIn>(),
    doc: 'The account exists from here on; the password must be the one given at the start',
  },
  'POST /api/sites/:site/auth/code/resend': {
    access: 'public',
    body: resendCodeSchema,
    status: 202,
    answer: returns<CodeSent>(),
    doc: 'A new code, or 429 `rate_limited` with `retryAfter` seconds',
  },
  'POST /api/sites/:site/auth/login': {
    access: 'public',
    body: loginSchema,
    status: 200,
    answer: returns<SignedIn>(),
    doc: '401 `invalid_credentials` for an unknown account and a wrong password alike; 429 `rate_limited` or `account_locked` after failures',
  },
  'POST /api/sites/:site/auth/logout': {
    access: 'reader',
    status: 204,
    answer: returns<NoContent>(),
    doc: 'Ends this session on the server',
  },
  'GET /api/sites/:site/auth/me': {
    access: 'reader',
    status: 200,
    answer: returns<Me>(),
    doc: 'The signed-in reader; 401 when the session is gone',
  },
  'POST /api/sites/:site/auth/reset': {
    access: 'public',
    body: resetStartSchema,
    status: 202,
    answer: returns<CodeSent>(),
    doc: 'Sends a code to change a forgotten password; the same answer whether or not the account exists',
  },
  'POST /api/sites/:site/auth/reset/verify': {
    access: 'public',
    body: resetVerifySchema,
    status: 200,
    answer: returns<ResetTicket>(),
    doc: 'Uses up the code for a ticket (single use, 10 minutes)',
  },
  'POST /api/sites/:site/auth/reset/finish': {
    access: 'public',
    body: resetFinishSchema,
    status: 204,
    answer: returns<NoContent>(),
    doc: 'Sets the new password; every session of the user ends',
  },
} as const satisfies EndpointTable;
