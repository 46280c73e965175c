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
  if (ban) throw banRefusal(ban);
}

/** What a banned reader is answered: the ban's end (null: for good) and the admin's reason. */
export function banRefusal(ban: { until: number | null; reason: string }): Refusal {
  return new Refusal('banned', undefined, { until: ban.until, reason: ban.reason });
}
