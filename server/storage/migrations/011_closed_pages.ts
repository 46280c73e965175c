import type { Kysely } from 'kysely';

// Closing a thread: an admin of the site closes comments on a page (closed_at, null: open). The
// other way a thread closes, a site's `closeAfterDays`, is computed when read from the page's
// created_at, which is the time of its first comment (the page row is made with it, or by an
// import with the thread's own date): it needs no column.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('pages').addColumn('closed_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('pages').dropColumn('closed_at').execute();
}
