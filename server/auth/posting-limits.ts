/**
 * How fast readers may post and report. Counted from the comments and complaints tables
 * themselves, inside the writing transaction after the user's row is locked, so that several
 * server instances on one database share the limits and concurrent requests cannot slip past.
 * Deleted comments still count: deleting does not buy a new attempt.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';

const HOUR = 3600_000;

/** One comment per 10 seconds per user: a pace no typing reader reaches, but scripts do. */
export const COMMENT_INTERVAL_MS = 10_000;
export const COMMENTS_PER_HOUR = 30;
/** Per address (IPv4, or IPv6 /64); higher, since offices and mobile carriers share addresses. */
export const COMMENTS_PER_HOUR_PER_IP = 120;
export const COMPLAINTS_PER_HOUR = 20;
export const COMPLAINTS_PER_HOUR_PER_IP = 100;

/** Whole seconds until this user may post from this address again; 0 when they may now. */
export async function commentWait(
  db: Kysely<Database>,
  userId: string,
  ipKey: string,
  now: number,
): Promise<number> {
  const since = now - HOUR;
  const recent = (column: 'author_id' | 'ip_key', key: string, nth: number) =>
    db
      .selectFrom('comments')
      .select('created_at')
      .where(column, '=', key)
      .where('created_at', '>', since)
      .orderBy('created_at', 'desc')
      .limit(1)
      .offset(nth - 1)
      .executeTakeFirst();
  const [last, userNth, ipNth] = await Promise.all([
    recent('author_id', userId, 1),
    recent('author_id', userId, COMMENTS_PER_HOUR),
    recent('ip_key', ipKey, COMMENTS_PER_HOUR_PER_IP),
  ]);
  return seconds(
    Math.max(
      last ? Number(last.created_at) + COMMENT_INTERVAL_MS - now : 0,
      userNth ? Number(userNth.created_at) + HOUR - now : 0,
      ipNth ? Number(ipNth.created_at) + HOUR - now : 0,
    ),
  );
}

/** Whole seconds until this reader may report from this address again; 0 when they may now. */
export async function complaintWait(
  db: Kysely<Database>,
  userId: string,
  ipKey: string,
  now: number,
): Promise<number> {
  const since = now - HOUR;
  const recent = (column: 'reporter_id' | 'ip_key', key: string, nth: number) =>
    db
      .selectFrom('complaints')
      .select('created_at')
      .where(column, '=', key)
      .where('created_at', '>', since)
      .orderBy('created_at', 'desc')
      .limit(1)
      .offset(nth - 1)
      .executeTakeFirst();
  const [userNth, ipNth] = await Promise.all([
    recent('reporter_id', userId, COMPLAINTS_PER_HOUR),
    recent('ip_key', ipKey, COMPLAINTS_PER_HOUR_PER_IP),
  ]);
  return seconds(
    Math.max(
      userNth ? Number(userNth.created_at) + HOUR - now : 0,
      ipNth ? Number(ipNth.created_at) + HOUR - now : 0,
    ),
  );
}

function seconds(ms: number): number {
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}
