/**
 * Admin-panel sign-in: the account's argon2id hash against the password exactly as sent. A
 * stop-gap until the accounts module's own verifier (with its sign-in throttling) replaces it.
 */
import { verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Contact } from '../../shared/contact.ts';
import type { Database } from '../storage/schema.ts';

/** The account's id when the password matches, else null. */
export type VerifyLogin = (contact: Contact, password: string) => Promise<string | null>;

// argon2id (m=19456, t=2, p=1) of a throw-away password: unknown accounts are checked against it
// so that "no such account" takes as long as "wrong password".
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$ldBUEZRMFsfN44Y+RGHgeg$AlZqvOQgkO5H3SOMAWn93Omob6qb7Fa18G07sFrdZzI';

export function argon2VerifyLogin(db: Kysely<Database>): VerifyLogin {
  return async (contact, password) => {
    const user = await db
      .selectFrom('users')
      .select(['id', 'password_hash'])
      .where(contact.kind, '=', contact.value)
      .executeTakeFirst();
    const matches = await verify(user?.password_hash ?? DUMMY_HASH, password).catch(() => false);
    return matches && user?.password_hash ? user.id : null;
  };
}
