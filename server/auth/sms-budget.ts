/**
 * Daily SMS budgets: the site's (`smsDailyBudget`) and the server's (SMS_DAILY_BUDGET: one SMS
 * account pays for every site). SMS pumping costs money per message, so a send must fit in both,
 * exactly, however many instances send at once; both start over at midnight in the budget's time
 * zone (SMS_BUDGET_TIMEZONE, default Asia/Almaty).
 *
 * Each budget is split over SHARDS rows, each holding its part of the day's budget: a send counts
 * itself in one row that still has room, with one conditional update, so concurrent sends seldom
 * wait on the same row and the parts together never exceed the budget.
 */
import type { Kysely } from 'kysely';
import { SHARDS } from '../storage/rate-counters.ts';
import type { Database } from '../storage/schema.ts';

export interface Budget {
  /** "site:<id>" or "server". */
  scope: string;
  /** Messages a day. */
  limit: number;
}

export const siteBudgetScope = (siteId: string) => `site:${siteId}`;
export const SERVER_BUDGET_SCOPE = 'server';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `now` in `timeZone`, "2026-11-24": the budget's day. */
export function budgetDay(now: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** Messages sent today per scope, each shard's count by shard: one read for every budget asked. */
export async function readSpend(
  db: Kysely<Database>,
  scopes: string[],
  day: string,
): Promise<Map<string, number[]>> {
  const rows = await db
    .selectFrom('sms_spend')
    .select(['scope', 'shard', 'sent'])
    .where('scope', 'in', scopes)
    .where('day', '=', day)
    .execute();
  const spend = new Map(scopes.map((scope) => [scope, Array<number>(SHARDS).fill(0)]));
  for (const row of rows) {
    const shards = spend.get(row.scope);
    if (shards && row.shard >= 0 && row.shard < SHARDS) shards[row.shard] = Number(row.sent);
  }
  return spend;
}

export const total = (shards: number[]) => shards.reduce((sum, sent) => sum + sent, 0);

/** Shard `i`'s part of a budget: the parts add up to the budget exactly. */
function shardLimit(limit: number, shard: number): number {
  return Math.floor(limit / SHARDS) + (shard < limit % SHARDS ? 1 : 0);
}

/**
 * Counts one SMS in a shard of `budget` that still has room (those the read saw with room first,
 * from a random one, so concurrent sends spread out); the shard, or null when the budget is spent.
 */
export async function reserveSms(
  db: Kysely<Database>,
  budget: Budget,
  day: string,
  seen: number[],
): Promise<number | null> {
  const start = Math.floor(Math.random() * SHARDS);
  const order = Array.from({ length: SHARDS }, (_, i) => (start + i) % SHARDS).filter(
    (shard) => seen[shard]! < shardLimit(budget.limit, shard),
  );
  for (const shard of order) {
    const counted = await db
      .insertInto('sms_spend')
      .values({ scope: budget.scope, day, shard, sent: 1 })
      .onConflict((oc) =>
        oc
          .columns(['scope', 'day', 'shard'])
          .doUpdateSet((eb) => ({ sent: eb('sms_spend.sent', '+', 1) }))
          .where('sms_spend.sent', '<', shardLimit(budget.limit, shard)),
      )
      .returning('sent')
      .executeTakeFirst();
    if (counted) return shard;
  }
  return null;
}

/** An SMS counted by reserveSms that the gateway did not take is not counted. */
export async function releaseSms(
  db: Kysely<Database>,
  scope: string,
  day: string,
  shard: number,
): Promise<void> {
  await db
    .updateTable('sms_spend')
    .set((eb) => ({ sent: eb('sent', '-', 1) }))
    .where('scope', '=', scope)
    .where('day', '=', day)
    .where('shard', '=', shard)
    .where('sent', '>', 0)
    .execute();
}
