import { type Kysely, sql } from 'kysely';
import { contactKey } from '../../shared/contact.ts';
import type { Database } from './schema.ts';

/** `contact` must already be normalised (see shared/contact.ts). Adding twice is harmless. */
export async function addSiteAdmin(db: Kysely<Database>, siteId: string, contact: string, now: number) {
  await db
    .insertInto('site_admins')
    .values({ site_id: siteId, contact, created_at: now })
    .onConflict((oc) => oc.columns(['site_id', 'contact']).doNothing())
    .execute();
}

export async function listSiteAdmins(db: Kysely<Database>, siteId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('site_admins')
    .select('contact')
    .where('site_id', '=', siteId)
    .orderBy('contact')
    .execute();
  return rows.map((r) => r.contact);
}

/** False when `contact` (normalised; any case of an email) was not an admin of the site. */
export async function removeSiteAdmin(
  db: Kysely<Database>,
  siteId: string,
  contact: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('site_admins')
    .where('site_id', '=', siteId)
    .where(sql<string>`lower(contact)`, '=', contactKey(contact))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
