/**
 * Sessions: an opaque random token (256 bits) handed to the client once; the database keeps only
 * its SHA-256, so a leaked database holds no usable tokens. A session is bound to the site whose
 * widget created it (null: the admin panel) and ends after 30 days without use, 180 days after
 * sign-in however much it is used, on sign-out, or when the user's password changes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../shared/limits.ts';
import { compiledOnce } from '../storage/compiled.ts';
import type { Database } from '../storage/schema.ts';

/** last_seen_at is refreshed at most this often, so reading a thread is not a write per request. */
const TOUCH_INTERVAL_MS = 3600_000;

/**
 * Admin-panel sessions (site null) act on every reader's words: they end after 30 minutes without
 * use and 12 hours after sign-in whatever happens, and are refreshed each minute of use.
 */
export const ADMIN_SESSION_IDLE_MS = 30 * 60_000;
export const ADMIN_SESSION_MAX_MS = 12 * 3600_000;
const ADMIN_TOUCH_INTERVAL_MS = 60_000;

export interface SessionUser {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  siteId: string | null,
  now: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      site_id: siteId,
      created_at: now,
      last_seen_at: now,
    })
    .execute();
  return token;
}

/** The session's user, or null when the token is unknown, idle too long, or from another site. */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  siteId: string | null,
  now: number,
): Promise<SessionUser | null> {
  const tokenHash = hashToken(token);
  const [row] = await selectSession(db, tokenHash);
  if (!row || row.site_id !== siteId) return null;
  const admin = row.site_id === null;
  const idle = now - Number(row.last_seen_at);
  const age = now - Number(row.created_at);
  const expired = admin
    ? idle > ADMIN_SESSION_IDLE_MS || age > ADMIN_SESSION_MAX_MS
    : idle > SESSION_IDLE_MS || age > SESSION_MAX_MS;
  if (expired) {
    await revokeSession(db, token);
    return null;
  }
  if (idle > (admin ? ADMIN_TOUCH_INTERVAL_MS : TOUCH_INTERVAL_MS)) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  }
  return { id: row.id, displayName: row.display_name, email: row.email, phone: row.phone };
}

/** Every signed-in request asks this: compiled once (storage/compiled.ts). */
const selectSession = compiledOnce(1, (db, tokenHash) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.site_id', 's.created_at', 's.last_seen_at', 'u.id', 'u.display_name', 'u.email', 'u.phone'])
    .where('s.token_hash', '=', tokenHash),
);

export async function revokeSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

export async function revokeUserSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
