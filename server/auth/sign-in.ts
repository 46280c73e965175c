/**
 * Signing in with a password, for the widget and the admin panel alike: one throttle per contact
 * and per network, one answer for an unknown account and a wrong password, and unknown accounts
 * checked against a dummy hash so the answer takes as long either way.
 */
import type { Kysely } from 'kysely';
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
}

/** The account when the password matches; otherwise throws invalid_credentials, rate_limited or account_locked. */
export async function signIn(
  db: Kysely<Database>,
  keys: SignInKeys,
  password: string,
  now: number,
): Promise<UserRow> {
  const verdict = await beginSignIn(db, keys, now);
  if (verdict.kind === 'locked') throw new Refusal('account_locked');
  if (verdict.kind === 'wait') throw rateLimited(verdict.retryAfter);
  const user = await findUserByContact(db, keys.contact);
  const matches = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !matches) throw new Refusal('invalid_credentials');
  await signInSucceeded(db, keys);
  return user;
}
