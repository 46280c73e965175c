/**
 * Claiming from a persistent outbox, shared by the webhook outbox (webhook-outbox.ts) and the
 * email outbox (email-outbox.ts), whose tables have the same delivery columns: due rows are
 * claimed atomically — FOR UPDATE SKIP LOCKED on PostgreSQL, a BEGIN IMMEDIATE transaction on
 * SQLite (storage/db.ts) — and held for a lease; a worker that dies mid-send lets its lease run
 * out and another sends again (at least once). A failure is retried with back-off and given up a
 * day after the row was made.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database, WebhookOutboxTable } from './schema.ts';

const DAY = 24 * 3600_000;
/** After a failure: 30 s, 1, 2, 4 … minutes, at most an hour apart. */
export const RETRY_FIRST_MS = 30_000;
export const RETRY_MAX_MS = 3600_000;
/** A delivery still failing this long after it was queued is given up. */
export const GIVE_UP_AFTER_MS = DAY;

export type OutboxTableName = 'webhook_outbox' | 'email_outbox';

/** The delivery columns every outbox has; one view of them serves both tables. */
type DeliveryColumns = Pick<
  WebhookOutboxTable,
  'id' | 'attempts' | 'next_attempt_at' | 'locked_until' | 'last_error' | 'created_at' | 'finished_at'
> & { status: string };
type OutboxView = Kysely<{ outbox: DeliveryColumns }>;

export function retryDelay(attempts: number): number {
  return Math.min(RETRY_FIRST_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
}

export interface Claim {
  id: string;
  /** This attempt's number, from 1. */
  attempt: number;
  createdAt: number;
}

/** Up to `limit` due rows of `table`, each now held by the caller until `now + leaseMs`. */
export async function claimDue(
  db: Kysely<Database>,
  table: OutboxTableName,
  now: number,
  limit: number,
  leaseMs: number,
): Promise<Claim[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // The table's real name is what goes into the SQL; the view only types the shared columns.
  const name = table as 'outbox';
  return (db as unknown as OutboxView).transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom(name)
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .$if(postgres, (qb) => qb.forUpdate().skipLocked())
      .execute();
    if (due.length === 0) return [];
    const rows = await tx
      .updateTable(name)
      .set({ locked_until: now + leaseMs, attempts: sql`attempts + 1` })
      .where(
        'id',
        'in',
        due.map((r) => r.id),
      )
      // Checked again under the row lock: belt and braces should the rows have been claimed meanwhile.
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .returning(['id', 'attempts', 'created_at'])
      .execute();
    return rows.map((r) => ({ id: r.id, attempt: Number(r.attempts), createdAt: Number(r.created_at) }));
  });
}

/** Schedules the next attempt with back-off; 'failed' when the row is a day old (given up). */
export async function retryOrGiveUp(
  db: Kysely<Database>,
  table: OutboxTableName,
  claim: Claim,
  error: string,
  now: number,
): Promise<'retry' | 'failed'> {
  const giveUp = now - claim.createdAt >= GIVE_UP_AFTER_MS;
  await (db as unknown as OutboxView)
    .updateTable(table as 'outbox')
    .set(
      giveUp
        ? { status: 'failed', finished_at: now, locked_until: null, last_error: error }
        : { next_attempt_at: now + retryDelay(claim.attempt), locked_until: null, last_error: error },
    )
    .where('id', '=', claim.id)
    .execute();
  return giveUp ? 'failed' : 'retry';
}
