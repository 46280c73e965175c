/**
 * The types of what crosses the wire: the views and answers the server sends. The endpoints
 * themselves (method, path, who may call, schemas, status) are the table in contract/; request
 * bodies and queries are inferred from the Valibot schemas of schemas.ts, never written again.
 * Every failure is an `ErrorBody` (see errors.ts) with a 4xx/5xx status.
 */
import type * as v from 'valibot';
import type { ErrorBody } from './errors.ts';
import type {
  adminLoginSchema,
  loginSchema,
  moderationActionSchema,
  newCommentSchema,
  newComplaintSchema,
  registerConfirmSchema,
  registerStartSchema,
  resendCodeSchema,
  resetFinishSchema,
  resetStartSchema,
  resetVerifySchema,
} from './schemas.ts';
import type {
  AlertKind,
  AuditAction,
  BanDuration,
  Channel,
  CodePurpose,
  CommentStatus,
  ComplaintOutcome,
  ComplaintReason,
  ModerationActionKind,
  NotificationKind,
  PreModerationMode,
  QueueState,
  Reaction,
  SiteRole,
  ThreadOrder,
} from './vocabulary.ts';

export type {
  AlertKind,
  AuditAction,
  BanDuration,
  Channel,
  CodePurpose,
  CommentStatus,
  ComplaintOutcome,
  ComplaintReason,
  ErrorBody,
  ModerationActionKind,
  NotificationKind,
  PreModerationMode,
  QueueState,
  Reaction,
  SiteRole,
  ThreadOrder,
};

export type RegisterStart = v.InferOutput<typeof registerStartSchema>;
export type RegisterConfirm = v.InferOutput<typeof registerConfirmSchema>;
export type ResendCode = v.InferOutput<typeof resendCodeSchema>;
export type Login = v.InferOutput<typeof loginSchema>;
export type ResetStart = v.InferOutput<typeof resetStartSchema>;
export type ResetVerify = v.InferOutput<typeof resetVerifySchema>;
export type ResetFinish = v.InferOutput<typeof resetFinishSchema>;
export type NewComment = v.InferOutput<typeof newCommentSchema>;
export type NewComplaint = v.InferOutput<typeof newComplaintSchema>;
export type AdminLogin = v.InferOutput<typeof adminLoginSchema>;
export type ModerationAction = v.InferOutput<typeof moderationActionSchema>;

export interface CommentAuthor {
  id: string;
  name: string;
  /** The account was erased at its owner's request: shown as "Удалённый пользователь" (empty name). */
  deleted?: true;
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
  /** Readers who liked it, and who disliked it (where the site has dislikes); absent: none. */
  likes?: number;
  dislikes?: number;
  /** The signed-in reader's own reaction; absent: none (and always for anonymous readers). */
  mine?: Exclude<Reaction, 'none'>;
  /** Pinned by a site admin: shown first in every order, marked "Закреплён". */
  pinned?: true;
}

export interface ThreadComment extends CommentView {
  /**
   * The oldest replies (up to 3 in a thread page), oldest first; one level deep (replies to
   * replies attach to the top comment).
   */
  replies: CommentView[];
  /** Replies this reader may see in all, shown or not. */
  replyCount: number;
  /** For `GET …/comments/:id/replies?cursor=` when more replies follow; null when all are shown. */
  repliesCursor: string | null;
}

/** The next replies of a top-level comment, oldest first. */
export interface RepliesPage {
  replies: CommentView[];
  /** Null when these were the last. */
  nextCursor: string | null;
}

export interface SiteConfig {
  /** ISO 3166 alpha-2 country for phone numbers typed without "+". */
  defaultCountry: string;
  /** Countries (ISO alpha-2) the site sends SMS codes to: the widget loads their phone metadata. */
  smsCountries: string[];
  /** Longest comment the site accepts, in characters. */
  commentMaxLength: number;
  /** The site's privacy policy, linked from the registration form; absent when the site set none. */
  privacyPolicyUrl?: string;
  /** Present (true) when the site has "Не нравится" besides "Нравится". */
  dislikes?: true;
}

export interface ThreadPage {
  page: string;
  /** Present when the request carried a live session of this site; `ban`: theirs on the site, if one holds. */
  viewer?: { userId: string; admin: boolean; ban: BanView | null };
  /** What the widget needs of the site's settings. */
  config: SiteConfig;
  /** Visible comments on the page, replies included. */
  total: number;
  /** The page's version this answer reflects: where the live stream resumes from (`since`). */
  version: number;
  /** Present (true) when the thread takes no new comments: readable, no composer, no replies. */
  closed?: true;
  comments: ThreadComment[];
  /** Null on the last page. */
  nextCursor: string | null;
}

/**
 * Where a comment is, for a permalink (`#pikir-<id>`): its top-level comment as the thread shows
 * it, its replies through the linked one, and `nextCursor`: the thread page after that top-level
 * comment in the order asked.
 */
export interface CommentContext {
  comment: ThreadComment;
  /** The linked comment: the top-level one itself or one of its replies. */
  target: string;
}

export interface CountsResponse {
  /** Every requested page id, 0 for pages without comments. */
  counts: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------
// Accounts (contract/accounts.ts). A signed-in request carries `Authorization: Bearer <token>`;
// a token works only on its own site.
// ---------------------------------------------------------------------------------------------

export interface CodeSent {
  channel: Channel;
  /** Seconds until a new code may be requested (59 right after a send). */
  resendAfter: number;
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

export interface ResetTicket {
  /** Single use, valid 10 minutes, good for one ResetFinish. */
  ticket: string;
}

// ---------------------------------------------------------------------------------------------
// Comments and complaints (contract/comments.ts).
// ---------------------------------------------------------------------------------------------

export interface CommentCreated {
  comment: CommentView;
}

/** A reader's reaction as it now stands, and the comment's counts. */
export interface ReactionView {
  id: string;
  likes: number;
  dislikes: number;
  mine: Reaction;
}

export interface ComplaintReceived {
  status: 'received' | 'already_reported';
}

// ---------------------------------------------------------------------------------------------
// The admin panel (contract/admin.ts).
// ---------------------------------------------------------------------------------------------

export interface AdminSite {
  id: string;
  name: string;
  /** What the signed-in account may do there; the panel hides the rest, the server refuses it. */
  role: SiteRole;
}

export interface AdminMe {
  user: { id: string; name: string };
  sites: AdminSite[];
}

/** GET /admin/api/me: the admin, or `{user: null, sites: []}` when no one is signed in. */
export type AdminWho = AdminMe | { user: null; sites: [] };

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
  state: QueueState;
}

export interface QueuePage {
  /** Most-reported first, then oldest. */
  items: QueueItem[];
  nextCursor: string | null;
}

export interface BanView {
  /** Null: forever. */
  until: number | null;
  reason: string;
}

/** A ban that holds now, as the panel's "Блокировки" page lists it. */
export interface SiteBan {
  id: string;
  user: { id: string; name: string };
  /** Null: forever. */
  until: number | null;
  reason: string;
  /** The admin who banned. */
  actor: { id: string; name: string };
  createdAt: number;
}

export interface SiteBans {
  /** Newest first. */
  bans: SiteBan[];
}

/** One contact of a site's team (GET /admin/api/sites/:site/team). */
export interface TeamMember {
  /** The email or phone number it signs in with. */
  contact: string;
  role: SiteRole;
  /** The name of the account with this contact; null when none has signed up with it yet. */
  name: string | null;
  addedAt: number;
}

export interface SiteTeam {
  site: string;
  /** By contact. */
  members: TeamMember[];
}

export interface AuthorHistory {
  comments: (CommentView & { page: { title: string; url: string } })[];
  actions: AuditEntry[];
}

export interface AuditEntry {
  id: string;
  site: string;
  actor: { id: string; name: string };
  action: AuditAction;
  commentId: string | null;
  targetUserId: string | null;
  reason: string | null;
  createdAt: number;
  /** With action "ban": when the ban ends (ms since the epoch), null for good. */
  banUntil?: number | null;
  /**
   * The comment acted on, while it exists: its text on one line, cut to about 140 characters
   * ("…"), and its page (the panel links to `<url>#pikir-<commentId>`).
   */
  comment?: { text: string; page: { url: string; title: string } };
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** A site's settings as its admins see and change them (the panel's "Настройки" page). */
/** A thread as an admin closed or reopened it (contract/admin.ts). */
export interface PageClosedView {
  site: string;
  page: string;
  /** Closed by an admin. A thread may also be closed by the site's closeAfterDays. */
  closed: boolean;
}

export interface SiteSettingsView {
  site: string;
  name: string;
  /** ISO 3166 alpha-2: how phone numbers typed without "+" are read. */
  defaultCountry: string;
  /** Complaints from this many different readers hide a comment until an admin decides. */
  complaintThreshold: number;
  /** Countries that may receive SMS codes. */
  smsCountries: string[];
  /** SMS messages a day for the site (the server's own budget caps all sites together). */
  smsDailyBudget: number;
  /** Longest comment accepted, in characters. */
  commentMaxLength: number;
  /** Threads close to new comments this many days after their first comment; null: never. */
  closeAfterDays: number | null;
  /** Which comments wait for an admin before readers see them. */
  preModeration: PreModerationMode;
  /** With "few_approved": readers with fewer approved comments than this are held. */
  preModerationMinApproved: number;
  /** A comment with a word starting with one of these is refused (422 banned_words). */
  bannedWords: string[];
  /** A comment with a word starting with one of these is held for pre-moderation. */
  suspectWords: string[];
  /** Readers may also press "Не нравится". */
  dislikes: boolean;
  /** Set by the server's operator (`npm run cli -- site set ID --webhook URL`), shown here. */
  webhook: {
    /** The receiver's origin only: chat webhook URLs carry their token in the path. Null: none. */
    origin: string | null;
    /** Deliveries waiting, and of those how many have failed at least once. */
    pending: number;
    failing: number;
    /** The latest deliveries given up after a day of failures, newest first. */
    failed: WebhookFailureView[];
  };
}

export interface WebhookFailureView {
  /** The delivery's id, as sent in Pikir-Webhook-Id. */
  id: string;
  event: WebhookEvent['type'];
  createdAt: number;
  failedAt: number;
  attempts: number;
  lastError: string | null;
}

// ---------------------------------------------------------------------------------------------
// Webhooks. A site may name a URL (`npm run cli -- site set ID --webhook URL`) that receives a
// signed JSON POST on every new complaint, every moderation action and every alert, e.g. to route
// them to a chat. Each event is queued and delivered with retries for a day; the payloads,
// headers and signature check are in docs/operations.md ("Webhooks").
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
      action: ModerationActionKind;
      reason: string | null;
      /** The ban given with the action, if any. */
      ban: BanView | null;
      /** The admin who acted. */
      actor: CommentAuthor;
      at: number;
    }
  | {
      /** The server's own alert about the site (see vocabulary.ts alertKinds), as in the service log. */
      type: 'alert';
      site: string;
      kind: AlertKind;
      message: string;
      at: number;
    };

/** A line of the site's service log, written by the server, not by an admin. */
export interface SiteEvent {
  /** Stable: one of vocabulary.ts alertKinds, e.g. "sms_budget_exhausted" (SMS stopped for the day). */
  kind: string;
  /** The server's own English wording, for kinds the panel does not know. */
  message: string;
  at: number;
}

export interface SiteEvents {
  /** Newest first, at most 20. */
  events: SiteEvent[];
}

/**
 * Everything Pikir keeps about a reader, as they download it (GET /api/sites/:site/account/export):
 * the account, every comment and complaint of theirs on every site of this server (the account is
 * one across them), and their notifications with their email setting.
 */
export interface AccountExport {
  exportedAt: string;
  account: {
    id: string;
    name: string;
    email: string | null;
    phone: string | null;
    createdAt: string;
    /** How many signed-in browsers the account has now. */
    sessions: number;
  };
  comments: {
    id: string;
    site: string;
    page: string;
    pageTitle: string | null;
    pageUrl: string | null;
    parentId: string | null;
    text: string;
    status: CommentStatus;
    createdAt: string;
    editedAt: string | null;
  }[];
  complaints: {
    id: string;
    site: string;
    commentId: string;
    reason: string;
    details: string | null;
    createdAt: string;
  }[];
  notifications: {
    id: string;
    site: string;
    kind: NotificationKind;
    commentId: string;
    replyId: string | null;
    outcome: ComplaintOutcome | null;
    createdAt: string;
    readAt: string | null;
    emailedAt: string | null;
  }[];
  /** Reply emails on or off, and the language they are written in. */
  notificationSettings: { email: boolean; language: string };
}

/** One thing a reader is told of in the widget's "Уведомления". */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** Milliseconds since the epoch. */
  createdAt: number;
  read: boolean;
  pageTitle: string;
  /** The permalink (`<page url>#pikir-<id>`) of the reply, or of the reported comment. */
  link: string;
  /** With `reply`: who answered and what; `text` null once the reply is hidden or deleted. */
  reply?: { author: string; text: string | null };
  /** With `complaint_decided`: the comment was taken away from readers, or left. */
  outcome?: ComplaintOutcome;
}

export interface NotificationList {
  /** Newest first, at most 30. */
  notifications: NotificationView[];
  unread: number;
}

export interface NotificationSummary {
  unread: number;
  /** Reply emails on or off; null for an account without an email (phone only: never SMS). */
  email: boolean | null;
}
