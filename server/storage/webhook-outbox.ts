/**
 * The webhook outbox: every event for a site with a webhook is a row here first, so a restart or
 * a failing receiver loses nothing. Workers (delivery/webhook-worker.ts), one per instance,
 * claim due rows atomically — FOR UPDATE SKIP LOCKED on PostgreSQL, a BEGIN IMMEDIATE
 * transaction on SQLite (storage/db.ts) — and hold them for a lease; a worker that dies
 * mid-send just lets its lease run out and another sends again (at least once: receivers
 * dedupe on Pikir-Webhook-Id).
 */
import { type Kysely, sql } from 'kysely';
import { type Claim, claimDue, retryOrGiveUp } from './outbox-claim.ts';
import type { Database } from './schema.ts';

export { GIVE_UP_AFTER_MS, RETRY_FIRST_MS, RETRY_MAX_MS, retryDelay } from './outbox-claim.ts';

const DAY = 24 * 3600_000;
/** Delivered rows are kept a week, failed ones a month (for the admins to see), then deleted. */
const KEEP_DELIVERED_MS = 7 * DAY;
const KEEP_FAILED_MS = 30 * DAY;

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

export interface ClaimedDelivery extends Claim {
  siteId: string;
  eventType: string;
  body: string;
}

/** Up to `limit` due deliveries, each now held by the caller until `now + leaseMs` (outbox-claim.ts). */
export async function claimWebhooks(
  db: Kysely<Database>,
  now: number,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const claims = await claimDue(db, 'webhook_outbox', now, limit, leaseMs);
  if (claims.length === 0) return [];
  const rows = await db
    .selectFrom('webhook_outbox')
    .select(['id', 'site_id', 'event_type', 'body'])
    .where(
      'id',
      'in',
      claims.map((c) => c.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return claims.flatMap((claim) => {
    const row = byId.get(claim.id);
    return row ? [{ ...claim, siteId: row.site_id, eventType: row.event_type, body: row.body }] : [];
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
export function markFailed(
  db: Kysely<Database>,
  delivery: ClaimedDelivery,
  error: string,
  now: number,
): Promise<'retry' | 'failed'> {
  return retryOrGiveUp(db, 'webhook_outbox', delivery, error, now);
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
