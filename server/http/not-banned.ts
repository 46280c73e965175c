import type { Kysely } from 'kysely';
import { activeBan } from '../storage/bans.ts';
import type { Database } from '../storage/schema.ts';
import { ApiError } from './errors.ts';

/** 403 banned, with the ban's end (null: for good) and the admin's reason for the reader to see. */
export async function assertNotBanned(
  db: Kysely<Database>,
  siteId: string,
  userId: string,
  now: number,
): Promise<void> {
  const ban = await activeBan(db, siteId, userId, now);
  if (ban) throw new ApiError('banned', undefined, {}, { until: ban.until, reason: ban.reason });
}
