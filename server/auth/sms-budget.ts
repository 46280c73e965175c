/**
 * Each site may send `smsDailyBudget` SMS a UTC day. SMS pumping costs money per message, so once
 * the budget is spent SMS stops for the rest of the day (email keeps working) and the site's
 * admin log says why, once.
 */
import type { Kysely } from 'kysely';
import { writeAdminLog } from '../storage/admin-log.ts';
import type { Database } from '../storage/schema.ts';

function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** Counts one SMS against today's budget; false (and nothing counted) when the budget is spent. */
export async function reserveSms(
  db: Kysely<Database>,
  siteId: string,
  budget: number,
  now: number,
): Promise<boolean> {
  const day = utcDay(now);
  await db
    .insertInto('sms_usage')
    .values({ site_id: siteId, day, sent: 0, exhausted_at: null })
    .onConflict((oc) => oc.columns(['site_id', 'day']).doNothing())
    .execute();
  // One conditional statement: concurrent sends cannot overshoot the budget.
  const counted = await db
    .updateTable('sms_usage')
    .set((eb) => ({ sent: eb('sent', '+', 1) }))
    .where('site_id', '=', siteId)
    .where('day', '=', day)
    .where('sent', '<', budget)
    .executeTakeFirst();
  if (Number(counted.numUpdatedRows) === 1) return true;

  const firstRefusal = await db
    .updateTable('sms_usage')
    .set({ exhausted_at: now })
    .where('site_id', '=', siteId)
    .where('day', '=', day)
    .where('exhausted_at', 'is', null)
    .executeTakeFirst();
  if (Number(firstRefusal.numUpdatedRows) === 1) {
    await writeAdminLog(
      db,
      {
        siteId,
        kind: 'sms_budget_exhausted',
        message: `The daily SMS budget of ${budget} messages is spent; SMS codes stop until 00:00 UTC, email codes still go out.`,
      },
      now,
    );
  }
  return false;
}

/** A reserved SMS that the gateway did not take is not counted. */
export async function releaseSms(db: Kysely<Database>, siteId: string, now: number): Promise<void> {
  await db
    .updateTable('sms_usage')
    .set((eb) => ({ sent: eb('sent', '-', 1) }))
    .where('site_id', '=', siteId)
    .where('day', '=', utcDay(now))
    .where('sent', '>', 0)
    .execute();
}

/** Whether today's budget is spent, without counting anything. */
export async function smsBudgetSpent(
  db: Kysely<Database>,
  siteId: string,
  budget: number,
  now: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('sms_usage')
    .select('sent')
    .where('site_id', '=', siteId)
    .where('day', '=', utcDay(now))
    .executeTakeFirst();
  return Number(row?.sent ?? 0) >= budget;
}
