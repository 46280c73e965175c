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

/**
 * published: everyone sees it. review: hidden from readers by complaints until an admin decides
 * (only its author and admins get it). hidden: hidden by an admin (author and admins only).
 * deleted: a placeholder kept where replies hang under it (empty text, empty author).
 */
export type CommentStatus = 'published' | 'review' | 'hidden' | 'deleted';

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

export interface SiteConfig {
  /** ISO 3166 alpha-2 country for phone numbers typed without "+". */
  defaultCountry: string;
  /** Longest comment the site accepts, in characters. */
  commentMaxLength: number;
}

export interface ThreadQuery {
  page: string;
  /** Opaque; pass `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ThreadPage {
  page: string;
  /** Present when the request carried a live session of this site. */
  viewer?: { userId: string; admin: boolean };
  /** What the widget needs of the site's settings. */
  config: SiteConfig;
  /** Visible comments on the page, replies included. */
  total: number;
  comments: ThreadComment[];
  /** Null on the last page. */
  nextCursor: string | null;
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
  /**
   * The password given at the start, again. A later start for the same contact (by someone else)
   * replaces the pending registration; the code alone must not let the owner of the contact
   * unknowingly create an account with that other person's password.
   */
  password: string;
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

// ---------------------------------------------------------------------------------------------
// Comments and complaints. Under /api/sites/:site, Bearer session required for every write.
// ---------------------------------------------------------------------------------------------

export const commentPaths = {
  /** POST NewComment -> 201 CommentCreated. (GET on the same path is the thread, see apiPaths.) */
  create: (site: string) => `/api/sites/${encodeURIComponent(site)}/comments`,
  /** PATCH EditComment -> 200 CommentCreated (author, within 15 minutes). DELETE -> 204 (author or admin). */
  one: (site: string, id: string) =>
    `/api/sites/${encodeURIComponent(site)}/comments/${encodeURIComponent(id)}`,
  /** POST (admin of the site) -> 200 CommentCreated with status "hidden". */
  hide: (site: string, id: string) =>
    `/api/sites/${encodeURIComponent(site)}/comments/${encodeURIComponent(id)}/hide`,
  /** POST NewComplaint -> 201 ComplaintReceived ("received"), or 200 with "already_reported". */
  complaints: (site: string, id: string) =>
    `/api/sites/${encodeURIComponent(site)}/comments/${encodeURIComponent(id)}/complaints`,
} as const;

export interface NewComment {
  /** The thread's page id, as the loader computed it. */
  page: string;
  /** Shown in the admin panel; kept only for the page's first comments and refreshed later. */
  title: string;
  /** The article's URL; stored only when its origin is one of the site's origins. */
  url: string;
  text: string;
  /** A reply to a reply attaches to the top comment; the widget prefixes the name it answers. */
  parentId?: string;
}

export interface EditComment {
  text: string;
}

export interface CommentCreated {
  comment: CommentView;
}

export const complaintReasons = ['spam', 'abuse', 'hate', 'false_info', 'off_topic', 'other'] as const;
export type ComplaintReason = (typeof complaintReasons)[number];

export interface NewComplaint {
  reason: ComplaintReason;
  /** Only with "other": 1 to 500 characters. */
  details?: string;
}

export interface ComplaintReceived {
  status: 'received' | 'already_reported';
}

// ---------------------------------------------------------------------------------------------
// Admin panel API. Under /admin/api, same-origin only, session in an HttpOnly cookie
// ("pikir_admin", Secure, SameSite=Strict, Path=/admin). Every unsafe method also requires the
// header "X-Pikir-Admin: 1" (a CSRF guard besides SameSite). Rights are checked per site.
// ---------------------------------------------------------------------------------------------

export const adminPaths = {
  /** POST AdminLogin -> 200 AdminMe and the cookie; 403 forbidden when the account moderates no site. */
  login: '/admin/api/login',
  /** POST -> 204, cookie cleared, session ended. */
  logout: '/admin/api/logout',
  /** GET -> 200 AdminMe, 401 without a session. */
  me: '/admin/api/me',
  /** GET ?site=&status=open|closed&cursor= -> 200 QueuePage. */
  queue: '/admin/api/queue',
  /** GET ?site= -> 200 AuthorHistory. */
  history: (userId: string) => `/admin/api/users/${encodeURIComponent(userId)}/history`,
  /** POST ModerationAction -> 200 QueueItem (as it stands after the action). */
  act: (commentId: string) => `/admin/api/comments/${encodeURIComponent(commentId)}/actions`,
  /** GET ?site=&cursor= -> 200 AuditPage. */
  audit: '/admin/api/audit',
  /** GET ?site= -> 200 SiteEvents: what the server itself did about the site (the SMS budget). */
  events: '/admin/api/events',
} as const;

export interface AdminLogin {
  channel: Channel;
  contact: string;
  password: string;
}

export interface AdminSite {
  id: string;
  name: string;
}

export interface AdminMe {
  user: { id: string; name: string };
  sites: AdminSite[];
}

export interface ComplaintView {
  reason: ComplaintReason;
  details: string | null;
  reporter: { id: string; name: string };
  createdAt: number;
}

export interface QueueItem {
  comment: CommentView;
  site: string;
  page: { key: string; title: string; url: string };
  /** The author's contact as the admin needs it to recognise repeat offenders. */
  author: { id: string; name: string; contact: string | null; banned: BanView | null };
  complaints: ComplaintView[];
  /** open: waiting for a decision; closed: decided (the decision is in the audit log). */
  state: 'open' | 'closed';
}

export interface QueuePage {
  /** Most-reported first, then oldest. */
  items: QueueItem[];
  nextCursor: string | null;
}

export type BanDuration = '1d' | '7d' | 'forever';

export interface BanView {
  /** Null: forever. */
  until: number | null;
  reason: string;
}

export interface ModerationAction {
  site: string;
  action: 'dismiss' | 'hide' | 'delete';
  /** Shown in the audit log; for a ban, shown to the banned reader. */
  reason?: string;
  ban?: { duration: BanDuration; reason: string };
}

export interface AuthorHistory {
  comments: (CommentView & { page: { title: string; url: string } })[];
  actions: AuditEntry[];
}

export interface AuditEntry {
  id: string;
  site: string;
  actor: { id: string; name: string };
  action: 'dismiss' | 'hide' | 'delete' | 'ban';
  commentId: string | null;
  targetUserId: string | null;
  reason: string | null;
  createdAt: number;
  /** With action "ban": when the ban ends (ms since the epoch), null for good. */
  banUntil?: number | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

// ---------------------------------------------------------------------------------------------
// Webhooks. A site may name a URL (`npm run cli -- site set ID --webhook URL`) that receives a
// JSON POST on every new complaint and every moderation action, e.g. to route them to a chat.
// Delivery is best effort: one attempt with a short timeout, failures only logged.
// ---------------------------------------------------------------------------------------------

export interface WebhookComment {
  id: string;
  /** Plain text exactly as typed: render it as text. */
  text: string;
  status: CommentStatus;
  author: CommentAuthor;
  page: { key: string; title: string; url: string };
}

export type WebhookEvent =
  | {
      type: 'complaint';
      site: string;
      comment: WebhookComment;
      reason: ComplaintReason;
      details: string | null;
      /** Open complaints against the comment, this one included. */
      openComplaints: number;
      /** The reader who reported it. */
      actor: CommentAuthor;
      /** Milliseconds since the epoch. */
      at: number;
    }
  | {
      type: 'moderation';
      site: string;
      comment: WebhookComment;
      action: ModerationAction['action'];
      reason: string | null;
      /** The ban given with the action, if any. */
      ban: BanView | null;
      /** The admin who acted. */
      actor: CommentAuthor;
      at: number;
    };

/** A line of the site's service log, written by the server, not by an admin. */
export interface SiteEvent {
  /** Stable: "sms_budget_exhausted" (SMS codes stopped for the day; email codes still go out). */
  kind: string;
  /** The server's own English wording, for kinds the panel does not know. */
  message: string;
  at: number;
}

export interface SiteEvents {
  /** Newest first, at most 20. */
  events: SiteEvent[];
}
