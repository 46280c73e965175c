/**
 * Counters for limits, kept in the database so that every server instance counts the same events.
 * A counter is one row per key: the window it counts in (starting at its first hit after the
 * previous window ended, so "5 an hour" frees up exactly an hour after the first of the five) and
 * the hits in it. Everything a request needs to know is read in one SELECT; taking a hit is one
 * conditional upsert, which neither overshoots nor holds a lock beyond its own statement; a
 * request that is refused writes nothing.
 *
 * Counters that every request of a site would touch (the site, the country) are split over
 * SHARDS rows that are read together and written one at a time, so that no single row is one
 * that every send waits on.
 */
import { type Kysely, sql } from 'kysely';
import { compiledOnce, numberArg } from './compiled.ts';
import type { Database } from './schema.ts';

/** How many rows a sharded counter is spread over. */
export const SHARDS = 8;
/** The longest window any counter uses; rows older than this are swept. */
export const LONGEST_WINDOW_MS = 24 * 3600_000;
const SWEEP_EVERY_MS = 60_000;

export interface Window {
  /** The row's key: the limit's key and the window's length, so one scope can count in several. */
  key: string;
  windowMs: number;
  /** Split over SHARDS rows (approximate, for counters that are only compared with a threshold). */
  sharded?: boolean;
}

export interface Row {
  started_at: number;
  hits: number;
}

export type Counts = Map<string, Row>;

function rowKeys(window: Window): string[] {
  return window.sharded ? Array.from({ length: SHARDS }, (_, i) => `${window.key}#${i}`) : [window.key];
}

/** Reads every row the windows need, in one statement. */
export async function readCounts(db: Kysely<Database>, windows: Window[]): Promise<Counts> {
  const keys = [...new Set(windows.flatMap(rowKeys))];
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('rate_counters')
    .select(['key', 'started_at', 'hits'])
    .where('key', 'in', keys)
    .execute();
  return new Map(rows.map((r) => [r.key, { started_at: Number(r.started_at), hits: Number(r.hits) }]));
}

/** The hits of the window that is running at `now` (0 when it has ended), summed over shards. */
export function hitsIn(counts: Counts, window: Window, now: number): number {
  let hits = 0;
  for (const key of rowKeys(window)) {
    const row = counts.get(key);
    if (row && row.started_at > now - window.windowMs) hits += row.hits;
  }
  return hits;
}

/** Whole seconds until the running window ends (at least 1). */
export function secondsLeft(counts: Counts, window: Window, now: number): number {
  const row = counts.get(window.key);
  const endsAt = row ? row.started_at + window.windowMs : now;
  return Math.max(1, Math.ceil((endsAt - now) / 1000));
}

/**
 * Counts one hit unless the running window already holds `max`; true when it was counted. One
 * statement: two requests racing for the last hit cannot both get it, and a refusal writes
 * nothing. (Unsharded windows only: a cap is exact.)
 */
export async function takeHit(
  db: Kysely<Database>,
  window: Window,
  max: number,
  now: number,
): Promise<boolean> {
  const ended = now - window.windowMs;
  const taken = await db
    .insertInto('rate_counters')
    .values({ key: window.key, started_at: now, hits: 1 })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          hits: sql`case when rate_counters.started_at <= ${ended} then 1 else rate_counters.hits + 1 end`,
          started_at: sql`case when rate_counters.started_at <= ${ended} then ${now} else rate_counters.started_at end`,
        })
        .where(sql<boolean>`rate_counters.started_at <= ${ended} or rate_counters.hits < ${max}`),
    )
    .returning('hits')
    .executeTakeFirst();
  return taken !== undefined;
}

/** Counts one hit with no cap; a sharded window picks one of its rows at random. */
export async function addHit(db: Kysely<Database>, window: Window, now: number): Promise<void> {
  const keys = rowKeys(window);
  const key = keys[Math.floor(Math.random() * keys.length)]!;
  const ended = now - window.windowMs;
  await db
    .insertInto('rate_counters')
    .values({ key, started_at: now, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql`case when rate_counters.started_at <= ${ended} then 1 else rate_counters.hits + 1 end`,
        started_at: sql`case when rate_counters.started_at <= ${ended} then ${now} else rate_counters.started_at end`,
      }),
    )
    .execute();
}

/** Takes back a hit that `takeHit` counted, when what it was for did not happen. */
export async function giveBackHit(db: Kysely<Database>, window: Window, now: number): Promise<void> {
  await db
    .updateTable('rate_counters')
    .set((eb) => ({ hits: eb('hits', '-', 1) }))
    .where('key', '=', window.key)
    .where('hits', '>', 0)
    .where('started_at', '>', now - window.windowMs)
    .execute();
}

/**
 * Takes the row lock of the counter `key` until the transaction `tx` ends: transactions that lock
 * the same key run their reads and writes one after the other, on PostgreSQL and across server
 * instances too (on SQLite, BEGIN IMMEDIATE already runs every writing transaction alone). The row
 * holds no count (the limits behind it count rows of their own tables); it is swept a day after it
 * was last taken, like every counter.
 */
export async function lockCounter(tx: Kysely<Database>, key: string, now: number): Promise<void> {
  await lockOne(tx, key, now);
}

/**
 * lockCounter for two keys in one statement, taken in the order given (PostgreSQL upserts the
 * rows in that order), so that callers that list keys in one order never deadlock.
 */
export async function lockCounters(
  tx: Kysely<Database>,
  keys: readonly [string, string],
  now: number,
): Promise<void> {
  await lockTwo(tx, keys[0], keys[1], now);
}

// On every post and report: compiled once (compiled.ts).
const lockOne = compiledOnce(2, (db, key, now) =>
  db
    .insertInto('rate_counters')
    .values({ key, started_at: numberArg(now), hits: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet({ started_at: numberArg(now) })),
);
const lockTwo = compiledOnce(3, (db, first, second, now) =>
  db
    .insertInto('rate_counters')
    .values([first, second].map((key) => ({ key, started_at: numberArg(now), hits: 1 })))
    .onConflict((oc) => oc.column('key').doUpdateSet({ started_at: numberArg(now) })),
);

const lastSweep = new WeakMap<Kysely<Database>, number>();

/**
 * Forgets rows no window looks at any more: at most once a minute per process, not on every
 * request, so a flood of refusals does not turn into a flood of deletes.
 */
export async function sweepCounters(db: Kysely<Database>, now: number): Promise<void> {
  const last = lastSweep.get(db);
  if (last !== undefined && now - last < SWEEP_EVERY_MS && now >= last) return;
  lastSweep.set(db, now);
  await db
    .deleteFrom('rate_counters')
    .where('started_at', '<', now - LONGEST_WINDOW_MS)
    .execute();
}
