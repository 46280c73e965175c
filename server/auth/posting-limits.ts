/**
 * How fast readers may post and report. Counted from the comments and complaints tables
 * themselves, inside the writing transaction, so that several server instances on one database
 * share the limits. A post's limits are read under the lock of a counter row of the reader and
 * one of the reader's network (both taken here, in that order); a report's under the reader's row
 * lock (taken by the caller) and its network's counter row. Two requests that count the same rows
 * run one after the other, so none can slip past a limit, on PostgreSQL as on SQLite. Deleted
 * comments still count: deleting does not buy a new attempt.
 */
import type { Kysely } from 'kysely';
import { compiledOnce, numberArg } from '../storage/compiled.ts';
import type { PageState } from '../storage/pages.ts';
import { lockCounter, lockCounters } from '../storage/rate-counters.ts';
import type { Database } from '../storage/schema.ts';

const HOUR = 3600_000;

/** One comment per 10 seconds per user: a pace no typing reader reaches, but scripts do. */
export const COMMENT_INTERVAL_MS = 10_000;
export const COMMENTS_PER_HOUR = 30;
/** Per address (IPv4, or IPv6 /64); higher, since offices and mobile carriers share addresses. */
export const COMMENTS_PER_HOUR_PER_IP = 120;
export const COMPLAINTS_PER_HOUR = 20;
export const COMPLAINTS_PER_HOUR_PER_IP = 100;

export interface CommentWait {
  /** Whole seconds until this user may post from this address again; 0 when they may now. */
  seconds: number;
  /** True when the wait is the gap between two comments, not an hourly limit. */
  interval: boolean;
}

/** Everything a new comment is checked against, as it stands under the poster's locks. */
export interface PostingState {
  wait: CommentWait;
  /** The text of the poster's latest comment (a second post of it is a duplicate). */
  lastText: string | null;
  /** The thread's first comment and closing (for isClosed); 0 and null before its first comment. */
  page: Pick<PageState, 'createdAt' | 'closedAt'>;
  /** The site's ban of the poster that ends last (until null: for good); null when not banned. */
  ban: { until: number | null; reason: string } | null;
}

/**
 * `db` is the writing transaction. Takes the poster's locks, then reads in one statement (one
 * round trip, compiled once) the limits, the duplicate, the thread's closing and a ban.
 */
export async function postingState(
  db: Kysely<Database>,
  who: { siteId: string; pageKey: string; userId: string; ipKey: string },
  now: number,
): Promise<PostingState> {
  await lockCounters(db, [`lock:comments:user:${who.userId}`, `lock:comments:net:${who.ipKey}`], now);
  const [row] = await selectPostingState(db, who.siteId, who.pageKey, who.userId, who.ipKey, now - HOUR, now);
  const [last, userNth, ipNth] = [row?.last, row?.user_nth, row?.ip_nth].map((at) =>
    at === null || at === undefined ? null : Number(at),
  ) as [number | null, number | null, number | null];
  const nextPost = last === null ? 0 : last + COMMENT_INTERVAL_MS - now;
  const hourly = Math.max(hourAfter(userNth, now), hourAfter(ipNth, now));
  const wait = { seconds: seconds(Math.max(nextPost, hourly)), interval: nextPost > 0 && nextPost >= hourly };
  const banned = Boolean(Number(row?.banned ?? 0));
  return {
    wait,
    lastText: row?.last_text ?? null,
    page: {
      createdAt: Number(row?.page_created_at ?? 0),
      closedAt: row?.closed_at === null || row?.closed_at === undefined ? null : Number(row.closed_at),
    },
    ban: banned
      ? {
          until: row?.ban_until === null || row?.ban_until === undefined ? null : Number(row.ban_until),
          reason: row?.ban_reason ?? '',
        }
      : null,
  };
}

const selectPostingState = compiledOnce(6, (db, siteId, pageKey, userId, ipKey, since, now) =>
  db.selectNoFrom((eb) => {
    const recent = eb
      .selectFrom('comments')
      .select('created_at')
      .where('created_at', '>', numberArg(since))
      .orderBy('created_at', 'desc')
      .limit(1);
    const page = eb.selectFrom('pages').where('site_id', '=', siteId).where('page_key', '=', pageKey);
    const bans = eb
      .selectFrom('bans')
      .where('site_id', '=', siteId)
      .where('user_id', '=', userId)
      .where((b) => b.or([b('until', 'is', null), b('until', '>', numberArg(now))]));
    // The ban that ends last: one for good (until null) before any other.
    const longest = bans
      .orderBy((b) => b('until', 'is', null), 'desc')
      .orderBy('until', 'desc')
      .limit(1);
    return [
      recent.where('author_id', '=', userId).as('last'),
      recent
        .where('author_id', '=', userId)
        .offset(COMMENTS_PER_HOUR - 1)
        .as('user_nth'),
      recent
        .where('ip_key', '=', ipKey)
        .offset(COMMENTS_PER_HOUR_PER_IP - 1)
        .as('ip_nth'),
      eb
        .selectFrom('comments')
        .select('text')
        .where('author_id', '=', userId)
        .orderBy('created_at', 'desc')
        .limit(1)
        .as('last_text'),
      page.select('created_at').as('page_created_at'),
      page.select('closed_at').as('closed_at'),
      eb.exists(bans.select('user_id')).as('banned'),
      longest.select('until').as('ban_until'),
      longest.select('reason').as('ban_reason'),
    ];
  }),
);

/** Whole seconds until this reader may report from this address again; 0 when they may now (as above). */
export async function complaintWait(
  db: Kysely<Database>,
  userId: string,
  ipKey: string,
  now: number,
): Promise<number> {
  await lockCounter(db, `lock:complaints:net:${ipKey}`, now);
  const recent = db
    .selectFrom('complaints')
    .select('created_at')
    .where('created_at', '>', now - HOUR)
    .orderBy('created_at', 'desc');
  const [userNth, ipNth] = await Promise.all([
    nth(recent.where('reporter_id', '=', userId), COMPLAINTS_PER_HOUR),
    nth(recent.where('ip_key', '=', ipKey), COMPLAINTS_PER_HOUR_PER_IP),
  ]);
  return seconds(Math.max(hourAfter(userNth, now), hourAfter(ipNth, now)));
}

interface NewestFirst {
  limit(n: number): {
    offset(n: number): { executeTakeFirst(): Promise<{ created_at: number } | undefined> };
  };
}

/** When the `n`-th newest row of the query was written; null when it has fewer rows. */
async function nth(query: NewestFirst, n: number): Promise<number | null> {
  const row = await query
    .limit(1)
    .offset(n - 1)
    .executeTakeFirst();
  return row ? Number(row.created_at) : null;
}

/** Milliseconds until an hour has passed since `at` (0 for null or the past). */
function hourAfter(at: number | null, now: number): number {
  return at === null ? 0 : at + HOUR - now;
}

function seconds(ms: number): number {
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}
