/**
 * The admin panel's sign-in check, behind a seam so its route tests can use a double: the same
 * throttled sign-in as the widget's (auth/sign-in.ts).
 */
import type { Kysely } from 'kysely';
import type { Contact } from '../../shared/contact.ts';
import type { Clock } from '../clock.ts';
import { Refusal } from '../refusal.ts';
import type { Database } from '../storage/schema.ts';
import { signIn } from './sign-in.ts';

/** The account's id when the password matches, null when not; throws while throttled or locked. */
export type VerifyLogin = (contact: Contact, password: string, network: string) => Promise<string | null>;

export function throttledVerifyLogin(db: Kysely<Database>, clock: Clock): VerifyLogin {
  return async (contact, password, network) => {
    try {
      return (await signIn(db, { contact: contact.value, network }, password, clock.now())).id;
    } catch (error) {
      if (error instanceof Refusal && error.code === 'invalid_credentials') return null;
      throw error;
    }
  };
}
