/**
 * Every closed list of words the two sides exchange, one `const` array each: the Valibot schemas
 * (`v.picklist`) and the TypeScript types both come from these, so a new word is added once.
 * The languages are in i18n/languages.ts, beside the dictionaries they name.
 */

/** How a reader is reached: an SMS to a phone, or an email. */
export const channels = ['phone', 'email'] as const;
export type Channel = (typeof channels)[number];

/** What a one-time code is for: registering, changing a forgotten password, erasing the account. */
export const codePurposes = ['register', 'reset', 'delete_account'] as const;
export type CodePurpose = (typeof codePurposes)[number];

/** The purposes whose codes `auth/code/resend` sends (an erasure's code is asked for again by a signed-in reader). */
export const resendablePurposes = ['register', 'reset'] as const satisfies readonly CodePurpose[];
export type ResendablePurpose = (typeof resendablePurposes)[number];

/**
 * What becomes of an erased account's comments on a site: kept, shown as by "Удалённый
 * пользователь" (anonymise, the default), or deleted with their text (remove).
 */
export const deletedAuthorCommentsModes = ['anonymise', 'remove'] as const;
export type DeletedAuthorComments = (typeof deletedAuthorCommentsModes)[number];

/** The widget's colour schemes; `auto` follows the reader's system. */
export const themes = ['light', 'dark', 'auto'] as const;
export type Theme = (typeof themes)[number];

/**
 * published: everyone sees it. review: hidden from readers by complaints until an admin decides
 * (only its author and admins get it). hidden: hidden by an admin (author and admins only).
 * deleted: a placeholder kept where replies hang under it (empty text, empty author).
 */
export const commentStatuses = ['published', 'review', 'hidden', 'deleted'] as const;
export type CommentStatus = (typeof commentStatuses)[number];

export const complaintReasons = ['spam', 'abuse', 'hate', 'false_info', 'off_topic', 'other'] as const;
export type ComplaintReason = (typeof complaintReasons)[number];

/** What an admin decides about a reported comment. */
/** "restore": a deleted comment back to readers, within RESTORE_WINDOW_MS while its text is kept. */
export const moderationActions = ['dismiss', 'hide', 'unhide', 'delete', 'restore'] as const;
export type ModerationActionKind = (typeof moderationActions)[number];

/** What the audit log records: the decisions, and the bans given with them. */
/** "settings": an admin changed one of the site's settings (its reason says which, from what to what). */
/**
 * `close` and `reopen`: a thread closed to new comments or opened again (the page in `reason`);
 * `unban`: an admin lifted an author's ban before its end (the panel's "Блокировки" page).
 */
/** `pin` and `unpin`: a comment pinned to the top of its thread or no longer (storage/pins.ts). */
/** `team`: a site admin added or removed a moderator or changed a role (the contact and roles in `reason`). */
export const auditActions = [
  ...moderationActions,
  'ban',
  'unban',
  'settings',
  'close',
  'reopen',
  'pin',
  'unpin',
  'team',
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * What a site's panel user may do there. moderator: the queues, hide, unhide, delete, restore,
 * ban, unban, close a thread. admin: all that, and the site's settings, word lists, webhook and
 * team. Ordered from less to more: a check for `moderator` passes an admin too.
 */
export const siteRoles = ['moderator', 'admin'] as const;
export type SiteRole = (typeof siteRoles)[number];
export const isSiteRole = (value: string): value is SiteRole =>
  (siteRoles as readonly string[]).includes(value);

/** A reader's reaction to a comment; `dislike` only where the site turned dislikes on. */
export const reactions = ['like', 'dislike', 'none'] as const;
export type Reaction = (typeof reactions)[number];

/**
 * The orders of a thread's top-level comments: newest first (the default), oldest first, and
 * best first (by the Wilson lower bound of likes among reactions). Pinned comments come first in each.
 */
export const threadOrders = ['new', 'old', 'best'] as const;
export type ThreadOrder = (typeof threadOrders)[number];

/** How long a ban lasts. */
export const banDurations = ['1d', '7d', 'forever'] as const;
export type BanDuration = (typeof banDurations)[number];

/** The admin queue's two lists: waiting for a decision, and decided. */
export const queueStates = ['open', 'closed'] as const;
export type QueueState = (typeof queueStates)[number];

/**
 * What the server tells a site's admins about (the panel's service messages, the webhook, email):
 * the site's or the server's daily SMS budget half, four fifths or wholly spent; a scope (number
 * range, network, country, the site) sending so much that sends there ask for a challenge; an
 * account locked after 100 failed sign-ins in a row.
 */
export const alertKinds = [
  'sms_budget_50',
  'sms_budget_80',
  'sms_budget_exhausted',
  'server_sms_budget_50',
  'server_sms_budget_80',
  'server_sms_budget_exhausted',
  'scope_hot',
  'account_locked',
] as const;
export type AlertKind = (typeof alertKinds)[number];
