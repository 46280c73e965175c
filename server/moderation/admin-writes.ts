/**
 * A cap on an admin's writes in the panel (decisions, settings): generous for a person working a
 * queue, low enough that a stolen session cannot churn a site's comments or settings at machine
 * speed. Counted in the database, so every instance counts the same.
 */
import type { Kysely } from 'kysely';
import { rateLimited } from '../refusal.ts';
import { readCounts, secondsLeft, takeHit } from '../storage/rate-counters.ts';
import type { Database } from '../storage/schema.ts';

export const ADMIN_WRITES_PER_HOUR = 1200;

export async function takeAdminWrite(db: Kysely<Database>, userId: string, now: number): Promise<void> {
  const window = { key: `admin-write:${userId}`, windowMs: 3600_000 };
  if (await takeHit(db, window, ADMIN_WRITES_PER_HOUR, now)) return;
  throw rateLimited(secondsLeft(await readCounts(db, [window]), window, now));
}
