/**
 * A site's team: the contacts listed for it (site_admins) with their role. The CLI and the panel's
 * team page change it; server/auth/admins.ts reads it on every request.
 */
import { type Kysely, sql } from 'kysely';
import { contactKey } from '../../shared/contact.ts';
import type { SiteRole } from '../../shared/vocabulary.ts';
import type { Database } from './schema.ts';

/**
 * `contact` must already be normalised (see shared/contact.ts). Adding twice is harmless and
 * keeps the role already held (changing it is setSiteRole's, which guards the last admin).
 */
export async function addSiteAdmin(
  db: Kysely<Database>,
  siteId: string,
  contact: string,
  now: number,
  role: SiteRole = 'admin',
) {
  await db
    .insertInto('site_admins')
    .values({ site_id: siteId, contact, created_at: now, role })
    .onConflict((oc) => oc.columns(['site_id', 'contact']).doNothing())
    .execute();
}

export async function listSiteAdmins(db: Kysely<Database>, siteId: string): Promise<string[]> {
  return (await listTeam(db, siteId)).map((m) => m.contact);
}

export interface TeamRow {
  contact: string;
  role: SiteRole;
  createdAt: number;
}

/** The site's team, by contact. */
export async function listTeam(db: Kysely<Database>, siteId: string): Promise<TeamRow[]> {
  const rows = await db
    .selectFrom('site_admins')
    .select(['contact', 'role', 'created_at'])
    .where('site_id', '=', siteId)
    // Phones, then emails whatever their case, the same on both engines (not by collation).
    .orderBy(sql`lower(contact)`)
    .orderBy('contact')
    .execute();
  return rows.map((r) => ({ contact: r.contact, role: r.role, createdAt: Number(r.created_at) }));
}

/** What a team change did: the role before (null: was not on the team) and after (null: removed). */
export interface TeamChange {
  contact: string;
  from: SiteRole | null;
  to: SiteRole | null;
}

/** Thrown inside the transaction when a change would leave the site without an admin; rolls it back. */
export class LastAdminError extends Error {}

/**
 * Adds `contact` with `role`, changes its role, or (role null) removes it, in one transaction that
 * first locks the site's row, so two admins demoting each other at once cannot both succeed. The
 * change is refused (LastAdminError) when the site had an admin and would be left with none.
 * `audit` writes the log entry in the same transaction. Null when nothing changed.
 */
export async function changeTeam(
  db: Kysely<Database>,
  siteId: string,
  contact: string,
  role: SiteRole | null,
  now: number,
  audit: (tx: Kysely<Database>, change: TeamChange) => Promise<void>,
): Promise<TeamChange | null> {
  return db.transaction().execute(async (tx) => {
    await tx.updateTable('sites').set({ name: sql`name` }).where('id', '=', siteId).execute();
    const key = contactKey(contact);
    const held = await tx
      .selectFrom('site_admins')
      .select(['contact', 'role'])
      .where('site_id', '=', siteId)
      .where(sql<string>`lower(contact)`, '=', key)
      .executeTakeFirst();
    const from = held?.role ?? null;
    if (from === role) return null;
    if (role === null) {
      await tx
        .deleteFrom('site_admins')
        .where('site_id', '=', siteId)
        .where(sql<string>`lower(contact)`, '=', key)
        .execute();
    } else if (held) {
      await tx
        .updateTable('site_admins')
        .set({ role })
        .where('site_id', '=', siteId)
        .where('contact', '=', held.contact)
        .execute();
    } else {
      await tx
        .insertInto('site_admins')
        .values({ site_id: siteId, contact, role, created_at: now })
        .execute();
    }
    if (from === 'admin') {
      const left = await tx
        .selectFrom('site_admins')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('site_id', '=', siteId)
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow();
      if (Number(left.n) === 0) throw new LastAdminError();
    }
    const change = { contact: held?.contact ?? contact, from, to: role };
    await audit(tx, change);
    return change;
  });
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
