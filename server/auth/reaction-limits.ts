/**
 * How fast a reader may like and dislike: 30 reactions a minute and 300 an hour, taking back
 * included (pressing again is a write too). Counted in rate_counters, so every instance shares
 * them; the hit is taken inside the reaction's transaction, so a refused or failed reaction
 * counts nothing.
 */
import type { Kysely } from 'kysely';
import { rateLimited } from '../refusal.ts';
import { readCounts, secondsLeft, takeHit, type Window } from '../storage/rate-counters.ts';
import type { Database } from '../storage/schema.ts';

export const REACTIONS_PER_MINUTE = 30;
export const REACTIONS_PER_HOUR = 300;

export async function takeReactionHit(db: Kysely<Database>, userId: string, now: number): Promise<void> {
  const limits: [Window, number][] = [
    [{ key: `reactions:user:${userId}:1m`, windowMs: 60_000 }, REACTIONS_PER_MINUTE],
    [{ key: `reactions:user:${userId}:1h`, windowMs: 3600_000 }, REACTIONS_PER_HOUR],
  ];
  for (const [window, max] of limits) {
    if (await takeHit(db, window, max, now)) continue;
    const counts = await readCounts(db, [window]);
    throw rateLimited(secondsLeft(counts, window, now));
  }
}
