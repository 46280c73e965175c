import type { Kysely } from 'kysely';
import type { BanView } from '../../shared/api.ts';
import type { Database } from './schema.ts';

/**
 * The ban that holds now for this user on this site, or null. Bans are keyed on the account, so
 * on its verified phone or email too. With several, a permanent one wins, else the longest.
 */
export async function activeBan(
  db: Kysely<Database>,
  siteId: string,
  userId: string,
  now: number,
): Promise<BanView | null> {
  const rows = await db
    .selectFrom('bans')
    .select(['until', 'reason'])
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
    .execute();
  let best: BanView | null = null;
  for (const row of rows) {
    const until = row.until === null ? null : Number(row.until);
    if (!best || until === null || (best.until !== null && until > best.until)) {
      best = { until, reason: row.reason };
    }
    if (best.until === null) break;
  }
  return best;
}

export interface NewBan {
  id: string;
  siteId: string;
  userId: string;
  until: number | null;
  reason: string;
  actorId: string;
}

export async function insertBan(db: Kysely<Database>, ban: NewBan, now: number): Promise<void> {
  await db
    .insertInto('bans')
    .values({
      id: ban.id,
      site_id: ban.siteId,
      user_id: ban.userId,
      until: ban.until,
      reason: ban.reason,
      actor_id: ban.actorId,
      created_at: now,
    })
    .execute();
}
