import type { Kysely } from 'kysely';
import { Refusal } from '../refusal.ts';
import { activeBan } from '../storage/bans.ts';
import type { Database } from '../storage/schema.ts';

/** Refuses a banned reader with the ban's end (null: for good) and the admin's reason to show them. */
export async function assertNotBanned(
  db: Kysely<Database>,
  siteId: string,
  userId: string,
  now: number,
): Promise<void> {
  const ban = await activeBan(db, siteId, userId, now);
  if (ban) throw new Refusal('banned', undefined, { until: ban.until, reason: ban.reason });
}
