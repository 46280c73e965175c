/**
 * Who moderates what: accounts whose verified email or phone is listed for a site with a role
 * (`npm run cli -- admin add`, or a site admin in the panel's team page), and the ADMINS of every
 * site from the environment, admins everywhere. Read again on every request, so a removal or a
 * demotion takes effect on the next one.
 */
import { type Kysely, sql } from 'kysely';
import { contactKey } from '../../shared/contact.ts';
import type { SiteRole } from '../../shared/vocabulary.ts';
import type { Database } from '../storage/schema.ts';
import type { SessionUser } from './sessions.ts';

export type Contactable = Pick<SessionUser, 'email' | 'phone'>;

/** "all": admin of every site (ADMINS); otherwise each site's role (maybe none). */
export type SiteRoles = 'all' | Record<string, SiteRole>;

/** The user's contacts as identities: an email matches an admin entry whatever its case. */
function contactsOf(user: Contactable): string[] {
  return [user.email, user.phone].filter((c): c is string => c !== null).map(contactKey);
}

/** True when `held` allows what `needed` asks (an admin may do what a moderator may). */
export function roleAllows(held: SiteRole | undefined, needed: SiteRole): boolean {
  return held === 'admin' || (held === 'moderator' && needed === 'moderator');
}

/**
 * The user's role on each site. An account listed under both its email and its phone with
 * different roles gets the higher one.
 */
export async function siteRoles(
  db: Kysely<Database>,
  globalAdmins: readonly string[],
  user: Contactable,
): Promise<SiteRoles> {
  const contacts = contactsOf(user);
  if (contacts.length === 0) return {};
  if (globalAdmins.some((admin) => contacts.includes(contactKey(admin)))) return 'all';
  const rows = await db
    .selectFrom('site_admins')
    .select(['site_id', 'role'])
    .where(sql<string>`lower(contact)`, 'in', contacts)
    .execute();
  const roles: Record<string, SiteRole> = {};
  for (const row of rows) {
    if (!roleAllows(roles[row.site_id], row.role)) roles[row.site_id] = row.role;
  }
  return roles;
}

/** "all" for a global admin, otherwise the ids of the sites the user moderates (maybe none). */
export async function adminSiteIds(
  db: Kysely<Database>,
  globalAdmins: readonly string[],
  user: Contactable,
): Promise<'all' | string[]> {
  const roles = await siteRoles(db, globalAdmins, user);
  return roles === 'all' ? 'all' : Object.keys(roles);
}

/** True when the user moderates the site, in either role (the widget's hide, delete, close). */
export async function isSiteAdmin(
  db: Kysely<Database>,
  globalAdmins: readonly string[],
  user: Contactable,
  siteId: string,
): Promise<boolean> {
  const roles = await siteRoles(db, globalAdmins, user);
  return roles === 'all' || roles[siteId] !== undefined;
}
