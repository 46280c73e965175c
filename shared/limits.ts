/** The numbers both sides agree on. Server-side enforcement is the truth; the widget mirrors it. */

/** A thread's id as the site names it (a URL or the site's own key). */
export const PAGE_KEY_MAX = 512;
/** A page title as shown in the admin panel and list pages. */
export const PAGE_TITLE_MAX = 300;
/** A page URL kept for links back to the article. */
export const PAGE_URL_MAX = 2048;
/** Top-level comments per thread page ("Показать ещё" loads the next one). */
export const THREAD_PAGE_SIZE = 20;
/** Replies of each top-level comment in a thread page, oldest first ("Показать ещё ответы": the rest). */
export const REPLIES_SHOWN = 3;
/** Replies per request of "Показать ещё ответы". */
export const REPLIES_PAGE_SIZE = 50;
/** Pages one counts request may ask for. */
export const COUNTS_MAX_PAGES = 50;
/** Default comment length bounds; the maximum is a per-site setting. */
export const COMMENT_MIN_LENGTH = 1;
export const COMMENT_MAX_LENGTH = 5000;
/** Largest request body any endpoint accepts (a 5,000-character comment is ~20 KB in UTF-8). */
export const REQUEST_BODY_MAX_BYTES = 64 * 1024;
/** Site ids appear in snippets and URLs: short, lower-case, no surprises. */
export const SITE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** A site's display name, shown to its admins. */
export const SITE_NAME_MAX = 100;

/** One-time codes: 6 digits, 10 minutes, 5 wrong tries, single use. */
export const CODE_LENGTH = 6;
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;
/** The widget's "Отправить код повторно ( 59 секунд )"; the server refuses earlier resends. */
export const RESEND_INTERVAL_S = 59;

/** The customer's password rule: Latin letters and digits, 6 to 128 of them. */
export const PASSWORD_MIN_LENGTH = 6;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_PATTERN = /^[A-Za-z0-9]{6,128}$/;

/** Display names: long enough to be a name, short enough for a comment header. */
export const NAME_MIN_LENGTH = 2;
export const NAME_MAX_LENGTH = 50;

/** A session ends after this long without use. */
export const SESSION_IDLE_MS = 30 * 24 * 3600_000;
/**
 * And this long after sign-in however often it is used: a token copied off a shared or stolen
 * device does not live for ever by being used.
 */
export const SESSION_MAX_MS = 180 * 24 * 3600_000;

/** Own comments can be edited this long after posting; deleting has no time limit. */
export const EDIT_WINDOW_MS = 15 * 60_000;

/** How long after its deletion an admin may restore a comment whose text is kept. */
export const RESTORE_WINDOW_MS = 30 * 24 * 3600_000;
/** An admin's reason for a decision or a ban, shown in the audit log and to a banned reader. */
export const MODERATION_REASON_MAX = 500;
/** Free text of a complaint with the reason "other". */
export const COMPLAINT_DETAILS_MAX = 500;

/** Pinned comments a page may have at once: they all come before the first page's comments. */
export const PINNED_MAX = 3;
