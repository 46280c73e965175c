import type { Kysely } from 'kysely';
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
