/**
 * The admin panel's sign-in check, behind a seam so its route tests can use a double: the same
 * throttled sign-in as the widget's (auth/sign-in.ts).
 */
import type { Kysely } from 'kysely';
import { type Contact, contactKey } from '../../shared/contact.ts';
import type { Clock } from '../clock.ts';
import type { RaiseAlert } from '../delivery/alerts.ts';
import { Refusal } from '../refusal.ts';
import type { Database } from '../storage/schema.ts';
import { signIn } from './sign-in.ts';

/** The account's id when the password matches, null when not; throws while throttled or locked. */
export type VerifyLogin = (contact: Contact, password: string, network: string) => Promise<string | null>;

/** `alert` reports lockouts (main.ts passes delivery/alerts.ts); without it they are refused, not reported. */
export function throttledVerifyLogin(
  db: Kysely<Database>,
  clock: Clock,
  alert: RaiseAlert = async () => {},
): VerifyLogin {
  return async (contact, password, network) => {
    try {
      const keys = { contact: contactKey(contact.value), network, siteId: null };
      return (await signIn(db, keys, password, clock.now(), alert)).id;
    } catch (error) {
      if (error instanceof Refusal && error.code === 'invalid_credentials') return null;
      throw error;
    }
  };
}
