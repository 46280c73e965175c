import type { Kysely } from 'kysely';
import type { BanView, SiteBan } from '../../shared/api.ts';
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

/** The bans that hold at `now` on the site, newest first, with whom and by whom. */
export async function listSiteBans(db: Kysely<Database>, siteId: string, now: number): Promise<SiteBan[]> {
  const rows = await db
    .selectFrom('bans as b')
    .innerJoin('users as u', 'u.id', 'b.user_id')
    .innerJoin('users as a', 'a.id', 'b.actor_id')
    .select(['b.id', 'b.user_id', 'u.display_name as user_name', 'b.until', 'b.reason'])
    .select(['b.actor_id', 'a.display_name as actor_name', 'b.created_at'])
    .where('b.site_id', '=', siteId)
    .where((eb) => eb.or([eb('b.until', 'is', null), eb('b.until', '>', now)]))
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    user: { id: row.user_id, name: row.user_name },
    until: row.until === null ? null : Number(row.until),
    reason: row.reason,
    actor: { id: row.actor_id, name: row.actor_name },
    createdAt: Number(row.created_at),
  }));
}

/**
 * Ends the user's bans that hold on the site at `now` (they stay on record, ended); how many.
 * Only this site's: an admin of another site never touches them.
 */
export async function liftBans(
  db: Kysely<Database>,
  siteId: string,
  userId: string,
  now: number,
): Promise<number> {
  const result = await db
    .updateTable('bans')
    .set({ until: now })
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
