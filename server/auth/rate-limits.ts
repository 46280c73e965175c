/**
 * Limits on sending codes, kept in the database so that every server instance counts the same
 * sends. A limit is "at most `max` events for `key` in the last `windowMs`"; a send takes one event
 * from every limit that applies to it, or from none of them.
 *
 * Numbers (the SPEC's and security-requirements C6, C8, D2, D3):
 *   per contact  1 per 59 s, 5 per hour, 10 per 24 h
 *   per network  10 per 10 min, 50 per 24 h   (an IPv4 address, or an IPv6 /64)
 *   per site     100 per 10 min, 1000 per 24 h
 */
import type { Kysely } from 'kysely';
import { RESEND_INTERVAL_S } from '../../shared/limits.ts';
import { randomId } from '../ids.ts';
import type { Database } from '../storage/schema.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

export function contactLimits(contact: string): Limit[] {
  const key = `send:contact:${contact}`;
  return [
    { key, max: 1, windowMs: RESEND_INTERVAL_S * 1000 },
    { key, max: 5, windowMs: HOUR },
    { key, max: 10, windowMs: DAY },
  ];
}

export function networkLimits(network: string): Limit[] {
  const key = `send:ip:${network}`;
  return [
    { key, max: 10, windowMs: 10 * MINUTE },
    { key, max: 50, windowMs: DAY },
  ];
}

export function siteLimits(siteId: string): Limit[] {
  const key = `send:site:${siteId}`;
  return [
    { key, max: 100, windowMs: 10 * MINUTE },
    { key, max: 1000, windowMs: DAY },
  ];
}

export type Taken = { ok: true; events: Map<string, string> } | { ok: false; retryAfter: number };

/**
 * Takes one event from every limit, or, when any limit is used up, none; `retryAfter` is then the
 * whole seconds until all of them would allow it. Refused requests are not counted, so asking
 * again early does not push the moment further away.
 */
export async function takeLimits(db: Kysely<Database>, limits: Limit[], now: number): Promise<Taken> {
  const keys = [...new Set(limits.map((l) => l.key))].sort();
  const taken = await db.transaction().execute(async (tx): Promise<Taken> => {
    // Locking each key's bucket row (in one order, so two requests cannot deadlock) makes the
    // count-then-insert below atomic on PostgreSQL; SQLite's BEGIN IMMEDIATE already is.
    for (const key of keys) {
      await tx
        .insertInto('rate_buckets')
        .values({ key, touched_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ touched_at: now }))
        .execute();
    }
    let allowedAt = now;
    for (const limit of limits) {
      const recent = await tx
        .selectFrom('rate_events')
        .select('at')
        .where('key', '=', limit.key)
        .where('at', '>', now - limit.windowMs)
        .orderBy('at', 'desc')
        .limit(limit.max)
        .execute();
      const oldest = recent[limit.max - 1];
      if (oldest) allowedAt = Math.max(allowedAt, Number(oldest.at) + limit.windowMs);
    }
    if (allowedAt > now) return { ok: false, retryAfter: Math.ceil((allowedAt - now) / 1000) };
    const events = new Map(keys.map((key) => [key, randomId()]));
    await tx
      .insertInto('rate_events')
      .values([...events].map(([key, id]) => ({ id, key, at: now })))
      .execute();
    return { ok: true, events };
  });
  // Forget what no window looks at any more.
  await db
    .deleteFrom('rate_events')
    .where('at', '<=', now - DAY)
    .execute();
  await db
    .deleteFrom('rate_buckets')
    .where('touched_at', '<=', now - DAY)
    .execute();
  return taken;
}

/**
 * Gives back the events of the named keys: a send that failed must not use up the reader's own
 * allowance. (The network's event stays: failed sends still cost whoever triggers them.)
 */
export async function giveBack(db: Kysely<Database>, taken: Taken, keys: string[]): Promise<void> {
  if (!taken.ok) return;
  const ids = keys.flatMap((key) => taken.events.get(key) ?? []);
  if (ids.length > 0) await db.deleteFrom('rate_events').where('id', 'in', ids).execute();
}
