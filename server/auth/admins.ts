/**
 * Who moderates what: accounts whose verified email or phone is listed for a site
 * (`npm run cli -- admin add`), and the ADMINS of every site from the environment.
 * Checked on every request against the site of the thing being acted on.
 */
import { type Kysely, sql } from 'kysely';
import { contactKey } from '../../shared/contact.ts';
import type { Database } from '../storage/schema.ts';
import type { SessionUser } from './sessions.ts';

export type Contactable = Pick<SessionUser, 'email' | 'phone'>;

/** The user's contacts as identities: an email matches an admin entry whatever its case. */
function contactsOf(user: Contactable): string[] {
  return [user.email, user.phone].filter((c): c is string => c !== null).map(contactKey);
}

/** "all" for a global admin, otherwise the ids of the sites the user moderates (maybe none). */
export async function adminSiteIds(
  db: Kysely<Database>,
  globalAdmins: readonly string[],
  user: Contactable,
): Promise<'all' | string[]> {
  const contacts = contactsOf(user);
  if (contacts.length === 0) return [];
  if (globalAdmins.some((admin) => contacts.includes(contactKey(admin)))) return 'all';
  const rows = await db
    .selectFrom('site_admins')
    .select('site_id')
    .distinct()
    .where(sql<string>`lower(contact)`, 'in', contacts)
    .execute();
  return rows.map((r) => r.site_id);
}

export async function isSiteAdmin(
  db: Kysely<Database>,
  globalAdmins: readonly string[],
  user: Contactable,
  siteId: string,
): Promise<boolean> {
  const sites = await adminSiteIds(db, globalAdmins, user);
  return sites === 'all' || sites.includes(siteId);
}
