/**
 * Every closed list of words the two sides exchange, one `const` array each: the Valibot schemas
 * (`v.picklist`) and the TypeScript types both come from these, so a new word is added once.
 * The languages are in i18n/languages.ts, beside the dictionaries they name; the widget's themes
 * and a thread's orders in reading-vocabulary.ts, which the widget's first paint imports.
 */
export { type Theme, type ThreadOrder, themes, threadOrders } from './reading-vocabulary.ts';

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

/**
 * published: everyone sees it. review: hidden from readers by complaints until an admin decides
 * (only its author and admins get it). hidden: hidden by an admin (author and admins only).
 * deleted: a placeholder kept where replies hang under it (empty text, empty author).
 * held: waiting for pre-moderation (its author, marked "На проверке", and admins only).
 * rejected: refused in pre-moderation; only its author sees that it was, without its text.
 */
export const commentStatuses = ['published', 'review', 'hidden', 'deleted', 'held', 'rejected'] as const;
export type CommentStatus = (typeof commentStatuses)[number];

export const complaintReasons = ['spam', 'abuse', 'hate', 'false_info', 'off_topic', 'other'] as const;
export type ComplaintReason = (typeof complaintReasons)[number];

/** What an admin decides about a reported comment. */
/** "restore": a deleted comment back to readers, within RESTORE_WINDOW_MS while its text is kept. */
/** "approve" publishes a held comment, "reject" refuses it (pre-moderation, server/moderation/screen.ts). */
export const moderationActions = [
  'dismiss',
  'hide',
  'unhide',
  'delete',
  'restore',
  'approve',
  'reject',
] as const;
export type ModerationActionKind = (typeof moderationActions)[number];

/** What a reader is told of: a reply to their comment, a decision on a comment they reported. */
export const notificationKinds = ['reply', 'complaint_decided'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** A reported comment after the decision: taken away from readers (hidden or deleted), or left. */
export const complaintOutcomes = ['removed', 'left'] as const;
export type ComplaintOutcome = (typeof complaintOutcomes)[number];

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
 * Which comments of a site wait for an admin before readers see them: none (off, the default),
 * the first comment of a reader with no approved comment on the site, those of readers with
 * fewer than `preModerationMinApproved` approved comments, comments with links, or every one.
 */
export const preModerationModes = ['off', 'first_comment', 'few_approved', 'links', 'all'] as const;
export type PreModerationMode = (typeof preModerationModes)[number];
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
