/**
 * How fast readers may post and report. Counted from the comments and complaints tables
 * themselves, inside the writing transaction, so that several server instances on one database
 * share the limits. The reader's limits are read under the reader's row lock (taken by the
 * caller), the network's under the lock of a counter row of that network (taken here): two
 * requests that count the same rows run one after the other, so none can slip past a limit, on
 * PostgreSQL as on SQLite. Locks are taken in that order (user, then network), never the other.
 * Deleted comments still count: deleting does not buy a new attempt.
 */
import type { Kysely } from 'kysely';
import { lockCounter } from '../storage/rate-counters.ts';
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

/** `db` is the writing transaction, the user's row already locked. */
export async function commentWait(
  db: Kysely<Database>,
  userId: string,
  ipKey: string,
  now: number,
): Promise<CommentWait> {
  await lockCounter(db, `lock:comments:net:${ipKey}`, now);
  // The three limits in one statement (one round trip inside the writing transaction).
  const row = await db
    .selectNoFrom((eb) => {
      const recent = eb
        .selectFrom('comments')
        .select('created_at')
        .where('created_at', '>', now - HOUR)
        .orderBy('created_at', 'desc')
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
      ];
    })
    .executeTakeFirstOrThrow();
  const [last, userNth, ipNth] = [row.last, row.user_nth, row.ip_nth].map((at) =>
    at === null || at === undefined ? null : Number(at),
  ) as [number | null, number | null, number | null];
  const nextPost = last === null ? 0 : last + COMMENT_INTERVAL_MS - now;
  const hourly = Math.max(hourAfter(userNth, now), hourAfter(ipNth, now));
  return { seconds: seconds(Math.max(nextPost, hourly)), interval: nextPost > 0 && nextPost >= hourly };
}

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
