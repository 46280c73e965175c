/** The Kysely view of the tables. Timestamps are milliseconds since the epoch (bigint in PostgreSQL). */
import type { ColumnType, Generated } from 'kysely';
import type { AuditAction, ComplaintOutcome, NotificationKind, SiteRole } from '../../shared/vocabulary.ts';

export interface SitesTable {
  id: string;
  name: string;
  /** JSON array of exact origins ("https://example.kz"), compared byte for byte. */
  origins: string;
  /** ISO 3166 alpha-2, used to read phone numbers typed without "+". */
  default_country: string;
  /** JSON object of `SiteSettings`; missing keys take the defaults. */
  settings: string;
  created_at: number;
  /** Bumped on every change to the row: the in-memory site cache checks it (storage/sites.ts). */
  version: ColumnType<number, number | undefined, number>;
  /** Random; the site's webhook secret is derived from it and the server key (never stored). */
  webhook_salt: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SiteAdminsTable {
  site_id: string;
  /** A normalised email or an E.164 phone number. */
  contact: string;
  created_at: number;
  /** What the contact may do on the site (migration 009); rows from before it are admins. */
  role: ColumnType<SiteRole, SiteRole | undefined, SiteRole>;
}

export interface UsersTable {
  id: string;
  display_name: string;
  /** The address as the reader typed it (domain lower-cased), used for sending. */
  email: string | null;
  /** The email's identity, lower-cased (shared/contact.ts contactKey); unique. */
  email_key: ColumnType<string | null, string | null | undefined, string | null>;
  phone: string | null;
  password_hash: string | null;
  created_at: number;
  /** When the account was erased at its owner's request (name, contact and password gone); null while live. */
  deleted_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** "<site>|<source>:<author key>" for a guest author made by an import (no contact, no password). */
  import_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PagesTable {
  site_id: string;
  page_key: string;
  title: string;
  url: string;
  comment_count: ColumnType<number, number | undefined, number>;
  created_at: number;
  updated_at: number;
  /** Bumped on every change to the page's thread: ETags and the thread cache are keyed by it. */
  version: ColumnType<number, number | undefined, number>;
  /** When an admin closed the thread to new comments; null: open (migration 011). */
  closed_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface CommentsTable {
  id: string;
  site_id: string;
  page_key: string;
  parent_id: string | null;
  author_id: string;
  text: string;
  status: string;
  created_at: number;
  edited_at: number | null;
  /** Address key of the poster (see http/client-ip.ts networkOf); null for comments from before 004. */
  ip_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** Complaints not yet decided. */
  open_complaints: ColumnType<number, number | undefined, number>;
  /** When the comment's complaints were last settled. */
  decided_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** When it was deleted; null while it is not (migration 012). */
  removed_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** "<source>:<id>" of an imported comment, unique per site; null for comments posted here. */
  import_source_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** An imported reply's parent, by source id, until the import links it. */
  import_parent_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Reactions, kept by each reaction in its transaction (migration 015, storage/reactions.ts). */
  likes: ColumnType<number, number | undefined, number>;
  dislikes: ColumnType<number, number | undefined, number>;
  /** Wilson lower bound of likes among reactions, times 1e9: the "best first" order's key. */
  score: ColumnType<number, number | undefined, number>;
  /** When a site admin pinned it; null: not pinned. */
  pinned_at: ColumnType<number | null, number | null | undefined, number | null>;
}

/** One reader's reaction to one comment: +1 like, -1 dislike (no row: none). */
export interface CommentReactionsTable {
  comment_id: string;
  user_id: string;
  value: number;
  created_at: number;
}

export interface ComplaintsTable {
  id: string;
  comment_id: string;
  reporter_id: string;
  reason: string;
  details: string | null;
  ip_key: string;
  created_at: number;
  /** Null while the complaint still counts against the comment. */
  closed_at: number | null;
}

export interface BansTable {
  id: string;
  site_id: string;
  user_id: string;
  /** Null: for good. */
  until: number | null;
  reason: string;
  actor_id: string;
  created_at: number;
}

export interface AuditLogTable {
  id: string;
  site_id: string;
  actor_id: string;
  action: AuditAction;
  comment_id: string | null;
  target_user_id: string | null;
  reason: string | null;
  ban_until: number | null;
  created_at: number;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  site_id: string | null;
  created_at: number;
  last_seen_at: number;
}

export interface CodesTable {
  id: string;
  purpose: string;
  contact: string;
  site_id: string;
  code_hash: string;
  attempts: ColumnType<number, number | undefined, number>;
  /** JSON of `PendingRegistration` for purpose "register"; null otherwise. */
  payload: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface ResetTicketsTable {
  ticket_hash: string;
  user_id: string;
  site_id: string;
  expires_at: number;
  used_at: number | null;
}

/** A limit key's current window (storage/rate-counters.ts). */
export interface RateCountersTable {
  key: string;
  started_at: number;
  hits: number;
}

export interface SignInFailuresTable {
  key: string;
  failures: number;
  last_failed_at: number;
}

/** A shard of a daily SMS budget (auth/sms-budget.ts). */
export interface SmsSpendTable {
  /** "site:<id>" or "server". */
  scope: string;
  day: string;
  shard: number;
  sent: number;
}

/** Proof-of-work solutions already used (auth/challenge.ts). */
export interface PowSolutionsTable {
  id: string;
  expires_at: number;
}

export interface AdminLogTable {
  id: string;
  site_id: string | null;
  at: number;
  kind: string;
  message: string;
}

export interface WebhookOutboxTable {
  id: string;
  site_id: string;
  event_type: string;
  /** The JSON body as sent and signed. */
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: number;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
}

/** A reader told of a reply or of a decision on a comment they reported (migration 013). */
export interface NotificationsTable {
  id: string;
  user_id: string;
  site_id: string;
  kind: NotificationKind;
  /** The reader's comment replied to, or the comment they reported. */
  comment_id: string;
  reply_id: string | null;
  outcome: ComplaintOutcome | null;
  created_at: number;
  read_at: number | null;
  emailed_at: number | null;
}

export interface NotificationSettingsTable {
  user_id: string;
  email_off: ColumnType<number, number | undefined, number>;
  lang: string | null;
  last_email_at: number | null;
}

/** A reader's digest of replies waiting for the email worker (same claiming as webhook_outbox). */
export interface EmailOutboxTable {
  id: string;
  user_id: string;
  status: 'pending' | 'failed';
  attempts: number;
  next_attempt_at: number;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
}

/** The live thread's log (migration 014, storage/thread-events.ts). */
export interface ThreadEventsTable {
  id: Generated<number>;
  site_id: string;
  page_key: string;
  /** The page's version after the change. */
  version: number;
  comment_id: string;
  kind: 'post' | 'edit' | 'status';
  created_at: number;
}

/** Per page, the highest version whose events may have been pruned. */
export interface ThreadEventHorizonsTable {
  site_id: string;
  page_key: string;
  pruned_through: number;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: number;
}

export interface Database {
  sites: SitesTable;
  site_admins: SiteAdminsTable;
  users: UsersTable;
  pages: PagesTable;
  comments: CommentsTable;
  comment_reactions: CommentReactionsTable;
  sessions: SessionsTable;
  codes: CodesTable;
  reset_tickets: ResetTicketsTable;
  rate_counters: RateCountersTable;
  sign_in_failures: SignInFailuresTable;
  sms_spend: SmsSpendTable;
  pow_solutions: PowSolutionsTable;
  admin_log: AdminLogTable;
  server_secrets: ServerSecretsTable;
  complaints: ComplaintsTable;
  bans: BansTable;
  audit_log: AuditLogTable;
  webhook_outbox: WebhookOutboxTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  email_outbox: EmailOutboxTable;
  thread_events: ThreadEventsTable;
  thread_event_horizons: ThreadEventHorizonsTable;
}
