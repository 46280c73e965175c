/**
 * After a reset code checks out, the reader gets a ticket: 256 random bits, stored as SHA-256,
 * good for one password change on that site within 10 minutes. It lets the code step and the
 * new-password step be separate screens without keeping the code alive.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { CODE_TTL_MS } from '../../shared/limits.ts';
import type { Database } from '../storage/schema.ts';
import { hashToken } from './sessions.ts';

export async function createResetTicket(
  db: Kysely<Database>,
  userId: string,
  siteId: string,
  now: number,
): Promise<string> {
  const ticket = randomBytes(32).toString('base64url');
  await db
    .insertInto('reset_tickets')
    .values({
      ticket_hash: hashToken(ticket),
      user_id: userId,
      site_id: siteId,
      expires_at: now + CODE_TTL_MS,
      used_at: null,
    })
    .execute();
  await db
    .deleteFrom('reset_tickets')
    .where('expires_at', '<', now - CODE_TTL_MS)
    .execute();
  return ticket;
}

/** The user a live, unused ticket of this site belongs to; undefined otherwise. */
export async function ticketUser(
  db: Kysely<Database>,
  ticket: string,
  siteId: string,
  now: number,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('reset_tickets')
    .select('user_id')
    .where('ticket_hash', '=', hashToken(ticket))
    .where('site_id', '=', siteId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.user_id;
}

/** Uses the ticket up; false when another request used it first. */
export async function useResetTicket(db: Kysely<Database>, ticket: string, now: number): Promise<boolean> {
  const used = await db
    .updateTable('reset_tickets')
    .set({ used_at: now })
    .where('ticket_hash', '=', hashToken(ticket))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}
