/** Valibot schemas for every input that crosses the wire; the server enforces, the widget mirrors. */
import { isSupportedCountry } from 'libphonenumber-js/min';
import * as v from 'valibot';
import { languages } from './i18n/languages.ts';
import {
  CODE_LENGTH,
  COMMENT_MAX_LENGTH,
  COMPLAINT_DETAILS_MAX,
  COUNTS_MAX_PAGES,
  MODERATION_REASON_MAX,
  NAME_MAX_LENGTH,
  NAME_MIN_LENGTH,
  PAGE_KEY_MAX,
  PAGE_TITLE_MAX,
  PAGE_URL_MAX,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_PATTERN,
  PRE_MODERATION_MIN_APPROVED_MAX,
  SITE_ID_PATTERN,
  SITE_NAME_MAX,
  WORD_ENTRY_MAX,
  WORD_LIST_MAX,
} from './limits.ts';
import { hasControls } from './text.ts';
import {
  banDurations,
  channels,
  complaintReasons,
  deletedAuthorCommentsModes,
  moderationActions,
  preModerationModes,
  queueStates,
  reactions,
  resendablePurposes,
  siteRoles,
  threadOrders,
} from './vocabulary.ts';
import { foldEntry, WORD_ENTRY_MIN_LETTERS } from './word-match.ts';

export const siteIdSchema = v.pipe(
  v.string(),
  v.regex(SITE_ID_PATTERN, 'must be 1-63 lower-case letters, digits or dashes'),
);

export const pageKeySchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(PAGE_KEY_MAX, `must be at most ${PAGE_KEY_MAX} characters`),
);

/** `created_at.id` of the last top-level comment of the previous page. */
export const cursorSchema = v.pipe(
  v.string(),
  v.regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/, 'is not a valid cursor'),
);

/** The order of a thread's top-level comments (shared/vocabulary.ts threadOrders); `new` when absent. */
export const threadOrderSchema = v.optional(
  v.picklist(threadOrders, 'must be new (newest first), old (oldest first) or best'),
  'new',
);

export const threadQuerySchema = v.strictObject({
  page: pageKeySchema,
  order: threadOrderSchema,
  /** A page's `nextCursor`: `created_at.id`, or `score.created_at.id` in the order `best`. */
  cursor: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,15}(?:\.\d{1,15})?\.[A-Za-z0-9_-]{1,64}$/, 'is not a valid cursor')),
  ),
});

/** A reader's reaction to a comment: `none` takes one back. */
export const reactionSchema = v.strictObject({
  reaction: v.picklist(reactions, 'must be like, dislike or none'),
});

/** Pins (true) or unpins (false) a top-level comment. */
export const pinnedSchema = v.strictObject({
  pinned: v.boolean('must be true (pin the comment) or false (unpin it)'),
});

/** The live stream of a page; `since`: the thread's `version` the reader has (Last-Event-ID wins). */
export const liveQuerySchema = v.strictObject({
  page: pageKeySchema,
  since: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be a version number'))),
});

/** `created_at.id` of the last reply shown (a thread page's `repliesCursor`, a page's `nextCursor`). */
export const repliesQuerySchema = v.strictObject({ cursor: v.optional(cursorSchema) });

const oneOrMany = <T extends v.GenericSchema<string, string>>(item: T) =>
  v.pipe(
    v.union([v.string(), v.array(v.string())]),
    v.transform((value) => (Array.isArray(value) ? value : [value])),
    v.array(item),
  );

export const countsQuerySchema = v.strictObject({
  site: siteIdSchema,
  page: v.pipe(
    oneOrMany(pageKeySchema),
    v.minLength(1, 'needs at least one page'),
    v.maxLength(COUNTS_MAX_PAGES, `may name at most ${COUNTS_MAX_PAGES} pages`),
  ),
  /**
   * Ignored by the server: count.js adds the time of the reader's own last post for a minute
   * after it, so that the browser's minute-long cache of the answer does not show the old count.
   */
  fresh: v.optional(v.pipe(v.string(), v.regex(/^\d{1,16}$/))),
});

// Accounts ------------------------------------------------------------------------------------

export const channelSchema = v.picklist(channels);
/** Language of the SMS or email text; default ru. */
export const langSchema = v.optional(v.picklist(languages));

/**
 * Raw contact as typed ("+7 701 123 45 67", "8 701…", or an email); the server normalises it
 * with the site's default country.
 */
export const contactInputSchema = v.pipe(
  v.string(),
  // Before trimming: a line break is refused wherever it is, as in mail headers it would start a new one.
  v.check(
    (contact) => !hasControls(contact),
    'must not contain line breaks, tabs or other control characters',
  ),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(254),
);

/**
 * Display names are shown beside every comment: no control characters, no invisible "format"
 * characters (zero-width spaces, bidi overrides that reverse the text around them).
 */
export const nameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.check((name) => !hasControls(name), 'must not contain invisible or control characters'),
  v.check((name) => {
    const length = [...name].length;
    return length >= NAME_MIN_LENGTH && length <= NAME_MAX_LENGTH;
  }, `must be ${NAME_MIN_LENGTH} to ${NAME_MAX_LENGTH} characters`),
);

/** The customer's rule, checked when a password is set; sign-in takes the password exactly as sent. */
export const newPasswordSchema = v.pipe(
  v.string(),
  v.regex(PASSWORD_PATTERN, `must be ${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} Latin letters or digits`),
);

export const anyPasswordSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(PASSWORD_MAX_LENGTH));

/**
 * The solution of a proof-of-work challenge that a `challenge_required` answer gave: base64 of
 * `{challenge, solution}`, as the ALTCHA widget sends it. Only asked for while a scope runs hot.
 */
export const proofSchema = v.optional(v.pipe(v.string(), v.maxLength(4096)));

export const codeSchema = v.pipe(
  v.string(),
  v.trim(),
  v.regex(new RegExp(`^\\d{${CODE_LENGTH}}$`), `must be ${CODE_LENGTH} digits`),
);

export const registerStartSchema = v.strictObject({
  channel: channelSchema,
  contact: contactInputSchema,
  name: nameSchema,
  password: newPasswordSchema,
  lang: langSchema,
  proof: proofSchema,
});

export const registerConfirmSchema = v.strictObject({
  channel: channelSchema,
  contact: contactInputSchema,
  code: codeSchema,
  /**
   * The password given at the start, again. A later start for the same contact (by someone else)
   * replaces the pending registration; the code alone must not let the owner of the contact
   * unknowingly create an account with that other person's password.
   */
  password: anyPasswordSchema,
});

export const resendCodeSchema = v.strictObject({
  purpose: v.picklist(resendablePurposes),
  channel: channelSchema,
  contact: contactInputSchema,
  lang: langSchema,
  proof: proofSchema,
});

export const loginSchema = v.strictObject({
  channel: channelSchema,
  contact: contactInputSchema,
  password: anyPasswordSchema,
});

export const resetStartSchema = v.strictObject({
  channel: channelSchema,
  contact: contactInputSchema,
  lang: langSchema,
  proof: proofSchema,
});

export const resetVerifySchema = v.strictObject({
  channel: channelSchema,
  contact: contactInputSchema,
  code: codeSchema,
});

export const resetFinishSchema = v.strictObject({
  /** From reset/verify: single use, valid 10 minutes. */
  ticket: v.pipe(v.string(), v.minLength(16), v.maxLength(128)),
  password: newPasswordSchema,
});

// Comments and complaints ---------------------------------------------------------------------

/** Length is checked against the site's own maximum on the server; this is the absolute bound. */
export const commentTextSchema = v.pipe(v.string(), v.maxLength(COMMENT_MAX_LENGTH * 2));

export const newCommentSchema = v.strictObject({
  /** The thread's page id, as the loader computed it. */
  page: pageKeySchema,
  /** Shown in the admin panel; kept only for the page's first comments and refreshed later. */
  title: v.pipe(v.string(), v.maxLength(PAGE_TITLE_MAX * 4)),
  /** The article's URL; stored only when its origin is one of the site's origins. */
  url: v.pipe(v.string(), v.maxLength(PAGE_URL_MAX)),
  text: commentTextSchema,
  /** A reply to a reply attaches to the top comment; the widget prefixes the name it answers. */
  parentId: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))),
});

export const editCommentSchema = v.strictObject({ text: commentTextSchema });

export const newComplaintSchema = v.strictObject({
  reason: v.picklist(complaintReasons),
  /** Only with "other": 1 to 500 characters. */
  details: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(COMPLAINT_DETAILS_MAX))),
});

export const adminLoginSchema = loginSchema;

/** Closes (true) or reopens (false) a page's thread to new comments. */
export const pageClosedSchema = v.strictObject({
  page: pageKeySchema,
  closed: v.boolean('must be true (close the thread) or false (reopen it)'),
});

export const moderationActionSchema = v.strictObject({
  site: siteIdSchema,
  action: v.picklist(moderationActions),
  /** Shown in the audit log. */
  reason: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(MODERATION_REASON_MAX))),
  /** Its reason is shown to the banned reader. */
  ban: v.optional(
    v.strictObject({
      duration: v.picklist(banDurations),
      reason: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MODERATION_REASON_MAX)),
    }),
  ),
});

/** Admin queue: open `complaints.createdAt.id`, closed `decidedAt.id`. */
const queueCursorSchema = v.pipe(
  v.string(),
  v.regex(/^\d{1,15}(?:\.\d{1,15})?\.[A-Za-z0-9_-]{1,64}$/, 'is not a valid cursor'),
);

/** The pre-moderation queue: `?site=&cursor=` (cursor `createdAt.id`, oldest first). */
export const heldQuerySchema = v.strictObject({
  site: v.optional(siteIdSchema),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/, 'is not a valid cursor'))),
});

export const queueQuerySchema = v.strictObject({
  site: v.optional(siteIdSchema),
  status: v.optional(v.picklist(queueStates), 'open'),
  cursor: v.optional(queueCursorSchema),
});

export const siteQuerySchema = v.strictObject({ site: siteIdSchema });

/** A site admin puts a contact on the site's team with a role, or changes its role. */
export const teamMemberSchema = v.strictObject({
  /** An email or a phone number, normalised by the server with the site's default country. */
  contact: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(254)),
  role: v.picklist(siteRoles, 'must be moderator or admin'),
});

export const auditQuerySchema = v.strictObject({
  site: v.optional(siteIdSchema),
  cursor: v.optional(cursorSchema),
});

// Privacy: the reader's own data, and leaving ------------------------------------------------

/** Asks for the code that confirms erasing the account; it goes to the account's own phone or email. */
export const accountDeleteSchema = v.strictObject({
  lang: langSchema,
  proof: proofSchema,
});

export const accountDeleteConfirmSchema = v.strictObject({ code: codeSchema });

/** An http(s) URL of at most PAGE_URL_MAX characters. */
const httpUrlSchema = v.pipe(
  v.string(),
  v.maxLength(PAGE_URL_MAX),
  v.url('must be a URL'),
  v.check((url) => /^https?:\/\//i.test(url), 'must be an http(s) URL'),
);

/** The site settings of privacy (server/storage/sites.ts SiteSettings), as a site's operator sets them. */
export const privacySettingsSchema = v.strictObject({
  /** Linked from the registration form; null: no link. */
  privacyPolicyUrl: v.optional(v.nullable(httpUrlSchema)),
  deletedAuthorComments: v.optional(v.picklist(deletedAuthorCommentsModes)),
});
/** An ISO 3166 alpha-2 country that phone numbers can be read for, upper-cased ("kz" is KZ). */
export const countryCodeSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toUpperCase(),
  v.check(
    (code) => /^[A-Z]{2}$/.test(code) && isSupportedCountry(code),
    'must be a two-letter country code such as KZ',
  ),
);

/** Threads close N days after their first comment (storage/pages.ts isClosed); null: never. */
const CLOSE_AFTER_DAYS_RULE =
  'must be a whole number of days from 1 to 3650, e.g. 30, or none to never close threads';

const wholeNumber = (min: number, max: number, example: number) =>
  v.pipe(
    v.number(`must be a whole number from ${min} to ${max}, e.g. ${example}`),
    v.integer(`must be a whole number from ${min} to ${max}, e.g. ${example}`),
    v.minValue(min, `must be a whole number from ${min} to ${max}, e.g. ${example}`),
    v.maxValue(max, `must be a whole number from ${min} to ${max}, e.g. ${example}`),
  );

/** Where a site's webhook POSTs: an http(s) URL without credentials; null stops sending. */
export const webhookUrlSchema = v.nullable(
  v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(2000, 'must be at most 2000 characters'),
    v.check((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
      } catch {
        return false;
      }
    }, 'must be an http(s) URL such as https://hooks.example.kz/pikir'),
    v.transform((value) => new URL(value).href),
  ),
);

/**
 * A banned or suspect word list (shared/word-match.ts): entries trimmed, empty ones and repeats
 * dropped, at most WORD_LIST_MAX of up to WORD_ENTRY_MAX characters, each with at least two
 * letters once folded (a single letter would match nearly every comment).
 */
const wordListSchema = v.pipe(
  v.array(v.string(), 'must be a list of words'),
  v.transform((words) => [...new Set(words.map((w) => w.trim()).filter((w) => w !== ''))]),
  v.maxLength(WORD_LIST_MAX, `must hold at most ${WORD_LIST_MAX} words`),
  v.check(
    (words) => words.every((w) => [...w].length <= WORD_ENTRY_MAX),
    `must hold words of at most ${WORD_ENTRY_MAX} characters`,
  ),
  v.check((words) => words.every((w) => !hasControls(w)), 'must not contain control characters'),
  v.check(
    (words) => words.every((w) => [...foldEntry(w)].length >= WORD_ENTRY_MIN_LETTERS),
    `must hold words of at least ${WORD_ENTRY_MIN_LETTERS} letters`,
  ),
);

/**
 * Every setting of a site, each optional: what `npm run cli -- site set` and the admin panel's
 * settings page change. The panel takes all but the webhook (panelSiteSettingsSchema).
 */
export const siteSettingsPatchSchema = v.strictObject({
  name: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, 'must not be empty'),
      v.maxLength(SITE_NAME_MAX, `must be at most ${SITE_NAME_MAX} characters`),
      v.check((value) => !hasControls(value), 'must not contain control characters'),
    ),
  ),
  defaultCountry: v.optional(countryCodeSchema),
  complaintThreshold: v.optional(wholeNumber(1, 100, 3)),
  smsCountries: v.optional(
    v.pipe(
      v.array(countryCodeSchema, 'must be a list of two-letter country codes such as KZ, UZ'),
      v.maxLength(50, 'must name at most 50 countries'),
      v.transform((codes) => [...new Set(codes)]),
    ),
  ),
  smsDailyBudget: v.optional(wholeNumber(0, 999_999_999, 500)),
  commentMaxLength: v.optional(wholeNumber(1, COMMENT_MAX_LENGTH, COMMENT_MAX_LENGTH)),
  closeAfterDays: v.optional(
    v.nullable(
      v.pipe(
        v.number(CLOSE_AFTER_DAYS_RULE),
        v.integer(CLOSE_AFTER_DAYS_RULE),
        v.minValue(1, CLOSE_AFTER_DAYS_RULE),
        v.maxValue(3650, CLOSE_AFTER_DAYS_RULE),
      ),
    ),
  ),
  preModeration: v.optional(
    v.picklist(preModerationModes, `must be one of ${preModerationModes.join(', ')}`),
  ),
  preModerationMinApproved: v.optional(wholeNumber(1, PRE_MODERATION_MIN_APPROVED_MAX, 3)),
  bannedWords: v.optional(wordListSchema),
  suspectWords: v.optional(wordListSchema),
  webhookUrl: v.optional(webhookUrlSchema),
  /** Readers may also press "Не нравится" (off by default). */
  dislikes: v.optional(
    v.boolean('must be on or off (true or false in the API): dislikes beside likes, or likes only'),
  ),
});

export type SiteSettingsPatch = v.InferOutput<typeof siteSettingsPatchSchema>;

/**
 * What a site's admins change in the panel. Not the webhook: its URL makes the server send
 * requests wherever it points (internal addresses included), so only the operator sets it (CLI).
 */
export const panelSiteSettingsSchema = v.omit(siteSettingsPatchSchema, ['webhookUrl']);

/** GET notifications/summary: the language the reader's widget shows, kept for their emails. */
export const notificationSummaryQuerySchema = v.strictObject({ lang: langSchema });

/** Marks notifications read: the ids the reader's list showed (at most a list's worth). */
export const notificationsReadSchema = v.strictObject({
  ids: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(64))), v.minLength(1), v.maxLength(50)),
});

/** Reply emails on or off (the account menu's switch). */
export const notificationEmailSchema = v.strictObject({ email: v.boolean() });
