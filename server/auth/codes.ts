/**
 * One-time codes: 6 digits from the CSPRNG, kept only as HMAC-SHA256(server secret, purpose, site,
 * contact, code), so a leaked database holds no codes and a code for one contact, purpose or site
 * is useless for another. 10 minutes, single use, at most 5 tries; a new code replaces the old one.
 * Every way a code can fail gives the same null, which the API turns into one answer.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CodePurpose } from '../../shared/api.ts';
import { CODE_LENGTH, CODE_MAX_ATTEMPTS, CODE_TTL_MS } from '../../shared/limits.ts';
import { randomId } from '../ids.ts';
import type { Database } from '../storage/schema.ts';

/** A pending registration may be resent this long after its first code; then it is forgotten. */
const PENDING_KEPT_MS = 24 * 3600_000;

export interface CodeTarget {
  purpose: CodePurpose;
  /** Normalised email or E.164 phone. */
  contact: string;
  siteId: string;
}

export function newCode(): string {
  return String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
}

function codeHash(secret: Buffer, target: CodeTarget, code: string): Buffer {
  const input = JSON.stringify([target.purpose, target.siteId, target.contact, code]);
  return createHmac('sha256', secret).update(input).digest();
}

/** Stores a code for the target, replacing any earlier one (and its tries). */
export async function storeCode(
  db: Kysely<Database>,
  secret: Buffer,
  target: CodeTarget,
  code: string,
  payload: string | null,
  now: number,
): Promise<void> {
  const row = {
    id: randomId(),
    site_id: target.siteId,
    code_hash: codeHash(secret, target, code).toString('hex'),
    attempts: 0,
    payload,
    created_at: now,
    expires_at: now + CODE_TTL_MS,
    used_at: null,
  };
  await db
    .insertInto('codes')
    .values({ ...row, purpose: target.purpose, contact: target.contact })
    .onConflict((oc) => oc.columns(['purpose', 'contact']).doUpdateSet(row))
    .execute();
  await db
    .deleteFrom('codes')
    .where('created_at', '<', now - PENDING_KEPT_MS)
    .execute();
}

/**
 * Checks a submitted code and uses it up. Returns the stored payload ({} when none) on success,
 * null when the code is wrong, expired, used, dead after too many tries, or never existed.
 */
export async function useCode(
  db: Kysely<Database>,
  secret: Buffer,
  target: CodeTarget,
  code: string,
  now: number,
): Promise<{ payload: string | null } | null> {
  const row = await db
    .selectFrom('codes')
    .select(['id', 'code_hash', 'payload'])
    .where('purpose', '=', target.purpose)
    .where('contact', '=', target.contact)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', CODE_MAX_ATTEMPTS)
    .executeTakeFirst();
  if (!row) return null;

  // The try is counted before the comparison, in its own statement: parallel guesses cannot
  // slip past the limit, and a crash after comparing cannot forget a wrong guess.
  const counted = await db
    .updateTable('codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .where('attempts', '<', CODE_MAX_ATTEMPTS)
    .executeTakeFirst();
  if (Number(counted.numUpdatedRows) !== 1) return null;

  const expected = Buffer.from(row.code_hash, 'hex');
  if (!timingSafeEqual(expected, codeHash(secret, target, code))) return null;

  // Single use: of two correct submissions racing here, only one UPDATE finds used_at still null.
  const used = await db
    .updateTable('codes')
    .set({ used_at: now })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? { payload: row.payload } : null;
}

/** The payload of a registration still waiting for its code (so a resend can carry it over). */
export async function pendingPayload(
  db: Kysely<Database>,
  target: CodeTarget,
  now: number,
): Promise<string | null> {
  const row = await db
    .selectFrom('codes')
    .select('payload')
    .where('purpose', '=', target.purpose)
    .where('contact', '=', target.contact)
    .where('used_at', 'is', null)
    .where('created_at', '>=', now - PENDING_KEPT_MS)
    .executeTakeFirst();
  return row?.payload ?? null;
}

/** Every outstanding code of a contact ends (after a password change). */
export async function dropCodes(db: Kysely<Database>, contact: string): Promise<void> {
  await db.deleteFrom('codes').where('contact', '=', contact).execute();
}
