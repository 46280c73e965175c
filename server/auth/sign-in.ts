/**
 * Signing in with a password, for the widget and the admin panel alike: one throttle per contact
 * and per network, one answer for an unknown account and a wrong password, and unknown accounts
 * checked against a dummy hash so the answer takes as long either way.
 */
import type { Kysely } from 'kysely';
import type { RaiseAlert } from '../delivery/alerts.ts';
import { Refusal, rateLimited } from '../refusal.ts';
import type { Database } from '../storage/schema.ts';
import { findUserByContact, type UserRow } from '../storage/users.ts';
import { verifyPassword } from './passwords.ts';
import { beginSignIn, signInSucceeded } from './sign-in-throttle.ts';

export interface SignInKeys {
  /** Normalised email or E.164 phone, as typed by the reader (known or not). */
  contact: string;
  /** The client's network (http/client-ip.ts networkOf). */
  network: string;
  /** The site whose widget asked; null for the admin panel. */
  siteId: string | null;
}

/** The account when the password matches; otherwise throws invalid_credentials, rate_limited or account_locked. */
export async function signIn(
  db: Kysely<Database>,
  keys: SignInKeys,
  password: string,
  now: number,
  alert: RaiseAlert,
): Promise<UserRow> {
  const verdict = await beginSignIn(db, keys, now);
  if (verdict.kind === 'locked') throw new Refusal('account_locked');
  if (verdict.kind === 'wait') throw rateLimited(verdict.retryAfter);
  const user = await findUserByContact(db, keys.contact);
  const matches = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !matches) {
    if (verdict.locks) await lockedOut(keys, alert, now);
    throw new Refusal('invalid_credentials');
  }
  await signInSucceeded(db, keys);
  return user;
}

/**
 * The 100th failure in a row locks the contact until a password reset: a structured log line, a
 * line in the admins' service log every time, webhook and email at most once an hour. The
 * contact is shown masked: a lockout also happens to contacts that have no account.
 */
async function lockedOut(keys: SignInKeys, alert: RaiseAlert, now: number): Promise<void> {
  const who = maskContact(keys.contact);
  await alert(
    {
      siteId: keys.siteId,
      kind: 'account_locked',
      message: `Sign-in for ${who} is locked after 100 failed tries in a row (last from network ${keys.network}); a password reset unlocks it.`,
      recordEvery: true,
    },
    now,
  );
}

/** "+7701***4567", "i***@mail.kz". */
export function maskContact(contact: string): string {
  const at = contact.lastIndexOf('@');
  if (at >= 0) return `${contact.slice(0, 1)}***${contact.slice(at)}`;
  return `${contact.slice(0, 5)}***${contact.slice(-4)}`;
}
