/**
 * The webhook outbox: every event for a site with a webhook is a row here first, so a restart or
 * a failing receiver loses nothing. Workers (delivery/webhook-worker.ts), one per instance,
 * claim due rows atomically — FOR UPDATE SKIP LOCKED on PostgreSQL, a BEGIN IMMEDIATE
 * transaction on SQLite (storage/db.ts) — and hold them for a lease; a worker that dies
 * mid-send just lets its lease run out and another sends again (at least once: receivers
 * dedupe on Pikir-Webhook-Id).
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from './schema.ts';

const DAY = 24 * 3600_000;
/** After a failure: 30 s, 1, 2, 4 … minutes, at most an hour apart. */
export const RETRY_FIRST_MS = 30_000;
export const RETRY_MAX_MS = 3600_000;
/** A delivery still failing this long after its event is given up. */
export const GIVE_UP_AFTER_MS = DAY;
/** Delivered rows are kept a week, failed ones a month (for the admins to see), then deleted. */
const KEEP_DELIVERED_MS = 7 * DAY;
const KEEP_FAILED_MS = 30 * DAY;

export function retryDelay(attempts: number): number {
  return Math.min(RETRY_FIRST_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
}

export async function enqueueWebhook(
  db: Kysely<Database>,
  e: { id: string; siteId: string; eventType: string; body: string },
  now: number,
): Promise<void> {
  await db
    .insertInto('webhook_outbox')
    .values({
      id: e.id,
      site_id: e.siteId,
      event_type: e.eventType,
      body: e.body,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    })
    .execute();
}

export interface ClaimedDelivery {
  id: string;
  siteId: string;
  eventType: string;
  body: string;
  /** This attempt's number, from 1. */
  attempt: number;
  createdAt: number;
}

/** Up to `limit` due deliveries, each now held by the caller until `now + leaseMs`. */
export async function claimWebhooks(
  db: Kysely<Database>,
  now: number,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('webhook_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .$if(postgres, (qb) => qb.forUpdate().skipLocked())
      .execute();
    if (due.length === 0) return [];
    const ids = due.map((r) => r.id);
    const rows = await tx
      .updateTable('webhook_outbox')
      .set({ locked_until: now + leaseMs, attempts: sql`attempts + 1` })
      .where('id', 'in', ids)
      // Checked again under the row lock: belt and braces should the rows have been claimed meanwhile.
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .returning(['id', 'site_id', 'event_type', 'body', 'attempts', 'created_at'])
      .execute();
    return rows.map((r) => ({
      id: r.id,
      siteId: r.site_id,
      eventType: r.event_type,
      body: r.body,
      attempt: Number(r.attempts),
      createdAt: Number(r.created_at),
    }));
  });
}

export async function markDelivered(db: Kysely<Database>, id: string, now: number): Promise<void> {
  await db
    .updateTable('webhook_outbox')
    .set({ status: 'delivered', finished_at: now, locked_until: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Schedules the next attempt with back-off; 'failed' when the event is a day old (given up). */
export async function markFailed(
  db: Kysely<Database>,
  delivery: ClaimedDelivery,
  error: string,
  now: number,
): Promise<'retry' | 'failed'> {
  const giveUp = now - delivery.createdAt >= GIVE_UP_AFTER_MS;
  await db
    .updateTable('webhook_outbox')
    .set(
      giveUp
        ? { status: 'failed', finished_at: now, locked_until: null, last_error: error }
        : { next_attempt_at: now + retryDelay(delivery.attempt), locked_until: null, last_error: error },
    )
    .where('id', '=', delivery.id)
    .execute();
  return giveUp ? 'failed' : 'retry';
}

/** The site no longer has a webhook: nothing to deliver to. */
export async function dropWebhook(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('webhook_outbox').where('id', '=', id).execute();
}

export async function sweepWebhooks(db: Kysely<Database>, now: number): Promise<void> {
  await db
    .deleteFrom('webhook_outbox')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'delivered'), eb('finished_at', '<', now - KEEP_DELIVERED_MS)]),
        eb.and([eb('status', '=', 'failed'), eb('finished_at', '<', now - KEEP_FAILED_MS)]),
      ]),
    )
    .execute();
}

export interface WebhookFailure {
  id: string;
  event: string;
  createdAt: number;
  failedAt: number;
  attempts: number;
  lastError: string | null;
}

/** What the site's admins see: deliveries waiting, and the latest given up (newest first). */
export async function webhookStatus(
  db: Kysely<Database>,
  siteId: string,
  limit = 10,
): Promise<{ pending: number; failing: number; failed: WebhookFailure[] }> {
  const counts = await db
    .selectFrom('webhook_outbox')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('pending'),
      eb.fn.sum<string | number | null>(sql`case when last_error is null then 0 else 1 end`).as('failing'),
    ])
    .where('site_id', '=', siteId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('webhook_outbox')
    .select(['id', 'event_type', 'created_at', 'finished_at', 'attempts', 'last_error'])
    .where('site_id', '=', siteId)
    .where('status', '=', 'failed')
    .orderBy('finished_at', 'desc')
    .limit(limit)
    .execute();
  return {
    pending: Number(counts.pending),
    failing: Number(counts.failing ?? 0),
    failed: rows.map((r) => ({
      id: r.id,
      event: r.event_type,
      createdAt: Number(r.created_at),
      failedAt: Number(r.finished_at),
      attempts: Number(r.attempts),
      lastError: r.last_error,
    })),
  };
}
