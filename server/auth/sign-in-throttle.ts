/**
 * Sign-in throttling (security-requirements E1-E3), in the database so every instance agrees.
 *
 * Per contact (known account or not, so the answers reveal nothing): after 5 consecutive failures
 * each try waits 30 s after the previous failure, doubling to at most 15 minutes; at 100
 * consecutive failures the contact is locked until its password is reset. A success clears it.
 * Per network (an IPv4 address or IPv6 /64, many readers behind one carrier NAT): the same delays
 * after 20 failures; forgotten an hour after the last failure.
 *
 * A try is counted as a failure before the password is checked, by a conditional update: a burst
 * of parallel tries sees the count move and only one of them gets through.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';

const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;
const CONTACT_FREE_FAILURES = 5;
const CONTACT_LOCK_AT = 100;
const NETWORK_FREE_FAILURES = 20;
const NETWORK_MEMORY_MS = 3600_000;

/** `locks`: this try is the contact's 100th failure in a row if the password is wrong. */
export type Verdict =
  | { kind: 'go'; locks: boolean }
  | { kind: 'wait'; retryAfter: number }
  | { kind: 'locked' };

export interface ThrottleKeys {
  contact: string;
  network: string;
}

function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - free), MAX_DELAY_MS);
}

/** Decides whether this try may check a password, and if so counts it as a failure up front. */
export async function beginSignIn(db: Kysely<Database>, keys: ThrottleKeys, now: number): Promise<Verdict> {
  const contactKey = `contact:${keys.contact}`;
  const networkKey = `ip:${keys.network}`;
  const rows = await db
    .selectFrom('sign_in_failures')
    .selectAll()
    .where('key', 'in', [contactKey, networkKey])
    .execute();
  const contact = rows.find((r) => r.key === contactKey);
  const network = rows.find((r) => r.key === networkKey);
  const contactFailures = Number(contact?.failures ?? 0);
  const networkStale = network !== undefined && now - Number(network.last_failed_at) > NETWORK_MEMORY_MS;
  const networkFailures = networkStale ? 0 : Number(network?.failures ?? 0);

  if (contactFailures >= CONTACT_LOCK_AT) return { kind: 'locked' };
  const allowedAt = Math.max(
    contact ? Number(contact.last_failed_at) + delayAfter(contactFailures, CONTACT_FREE_FAILURES) : now,
    network ? Number(network.last_failed_at) + delayAfter(networkFailures, NETWORK_FREE_FAILURES) : now,
  );
  if (allowedAt > now) return { kind: 'wait', retryAfter: Math.ceil((allowedAt - now) / 1000) };

  const claimed =
    (await claim(db, contactKey, contact?.failures, contactFailures, now)) &&
    (await claim(db, networkKey, network?.failures, networkFailures, now));
  // Another try got in first: this one waits for the next turn.
  return claimed
    ? { kind: 'go', locks: contactFailures + 1 >= CONTACT_LOCK_AT }
    : { kind: 'wait', retryAfter: 1 };
}

/** Moves `key` from the failures we read to one more, only if nobody moved it in between. */
async function claim(
  db: Kysely<Database>,
  key: string,
  read: number | undefined,
  counted: number,
  now: number,
): Promise<boolean> {
  if (read === undefined) {
    const inserted = await db
      .insertInto('sign_in_failures')
      .values({ key, failures: 1, last_failed_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable('sign_in_failures')
    .set({ failures: counted + 1, last_failed_at: now })
    .where('key', '=', key)
    .where('failures', '=', read)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** The password was right: the contact's count starts over, and the network's try is not a failure. */
export async function signInSucceeded(db: Kysely<Database>, keys: ThrottleKeys): Promise<void> {
  await clearSignInFailures(db, keys.contact);
  await db
    .updateTable('sign_in_failures')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', `ip:${keys.network}`)
    .where('failures', '>', 0)
    .execute();
}

/** After a password reset: the contact may sign in again at once. */
export async function clearSignInFailures(db: Kysely<Database>, contact: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', '=', `contact:${contact}`).execute();
}
