import type { Kysely } from 'kysely';

// Site roles: each site_admins row says what its contact may do on the site, "moderator" or
// "admin" (shared/vocabulary.ts siteRoles). Every row from before this migration was a full admin.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('site_admins')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('admin'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('site_admins').dropColumn('role').execute();
}
