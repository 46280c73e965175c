/**
 * The HTTP contract between the widget (or any integrator) and the server.
 * Every failure is an `ErrorBody` (see errors.ts) with a 4xx/5xx status.
 */
import type { ErrorBody } from './errors.ts';

export type { ErrorBody };

export const apiPaths = {
  /** GET: a page of a thread, newest top-level comments first. Query: `ThreadQuery`. */
  thread: (site: string) => `/api/sites/${encodeURIComponent(site)}/comments`,
  /** GET: comment counts for list pages; any origin. Query: `site`, `page` (repeated). */
  counts: '/api/counts',
} as const;

export type CommentStatus = 'published';

export interface CommentAuthor {
  id: string;
  name: string;
}

export interface CommentView {
  id: string;
  parentId: string | null;
  author: CommentAuthor;
  /** Plain text exactly as typed; clients must render it as text, never as HTML. */
  text: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  editedAt: number | null;
  status: CommentStatus;
}

export interface ThreadComment extends CommentView {
  /** Replies oldest first; one level deep (replies to replies attach to the top comment). */
  replies: CommentView[];
}

export interface ThreadQuery {
  page: string;
  /** Opaque; pass `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ThreadPage {
  page: string;
  /** Visible comments on the page, replies included. */
  total: number;
  comments: ThreadComment[];
  /** Null on the last page. */
  nextCursor: string | null;
  /** What the widget needs to know about the site before a reader signs in. */
  config: SiteConfig;
}

export interface SiteConfig {
  /** ISO 3166 country for phone numbers typed without "+", e.g. "KZ". */
  defaultCountry: string;
}

export interface CountsResponse {
  /** Every requested page id, 0 for pages without comments. */
  counts: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------
// Accounts. All under /api/sites/:site/auth, JSON bodies, from the site's origins only.
// A signed-in request carries `Authorization: Bearer <token>`; a token works only on its own site.
// ---------------------------------------------------------------------------------------------

export const authPaths = {
  /** POST RegisterStart -> 202 CodeSent. Same answer whether or not the contact has an account. */
  registerStart: (site: string) => `/api/sites/${encodeURIComponent(site)}/auth/register`,
  /** POST RegisterConfirm -> 200 SignedIn (the account exists only from here on). */
  registerConfirm: (site: string) => `/api/sites/${encodeURIComponent(site)}/auth/register/confirm`,
  /** POST ResendCode -> 202 CodeSent, or 429 rate_limited with retryAfter. */
  resend: (site: string) => `/api/sites/${encodeURIComponent(site)}/auth/code/resend`,
  /** POST Login -> 200 SignedIn, 401 invalid_credentials, 429 rate_limited / account_locked. */
  login: (site: string) => `/api/sites/${encodeURIComponent(site)}/auth/login`,
  /** POST (Bearer) -> 204; ends this session on the server. */
  logout: (site: string) => `/api/sites/${encodeURIComponent(site)}/auth/logout`,
  /** GET (Bearer) -> 200 Me, 401 unauthorized when the session is gone. */
  me: (site: string) => `/api/sites/${encodeURIComponent(site)}/auth/me`,
  /** POST ResetStart -> 202 CodeSent, the same answer whether or not the account exists. */
  resetStart: (site: string) => `/api/sites/${encodeURIComponent(site)}/auth/reset`,
  /** POST ResetVerify -> 200 ResetTicket (the code is used up). */
  resetVerify: (site: string) => `/api/sites/${encodeURIComponent(site)}/auth/reset/verify`,
  /** POST ResetFinish -> 204; every session of the user ends. */
  resetFinish: (site: string) => `/api/sites/${encodeURIComponent(site)}/auth/reset/finish`,
} as const;

export type Channel = 'phone' | 'email';
export type CodePurpose = 'register' | 'reset';

export interface RegisterStart {
  channel: Channel;
  /** As typed: "+7 701 123 45 67", "8 701…", or an email. */
  contact: string;
  name: string;
  password: string;
  /** Language of the SMS or email text; default ru. */
  lang?: 'ru' | 'kk' | 'en';
}

export interface RegisterConfirm {
  channel: Channel;
  contact: string;
  code: string;
}

export interface ResendCode {
  purpose: CodePurpose;
  channel: Channel;
  contact: string;
  lang?: 'ru' | 'kk' | 'en';
}

export interface CodeSent {
  channel: Channel;
  /** Seconds until a new code may be requested (59 right after a send). */
  resendAfter: number;
}

export interface Login {
  channel: Channel;
  contact: string;
  password: string;
}

export interface PublicUser {
  id: string;
  name: string;
  /** True when this account moderates the site the request was made for. */
  admin: boolean;
}

export interface SignedIn {
  token: string;
  user: PublicUser;
}

export interface Me {
  user: PublicUser;
}

export interface ResetStart {
  channel: Channel;
  contact: string;
  lang?: 'ru' | 'kk' | 'en';
}

export interface ResetVerify {
  channel: Channel;
  contact: string;
  code: string;
}

export interface ResetTicket {
  /** Single use, valid 10 minutes, good for one ResetFinish. */
  ticket: string;
}

export interface ResetFinish {
  ticket: string;
  password: string;
}
