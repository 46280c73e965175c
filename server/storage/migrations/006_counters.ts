import type { Kysely } from 'kysely';

// Counters kept up to date by each write instead of recounted: a page's version (bumped on every
// change to its thread, so caches and ETags can tell a thread changed without reading it), a
// site's version (bumped on every change to its row, for the in-memory site cache), and an index
// that finds a page's comments without the top-level-only partial index.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('pages')
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('sites')
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('comments_page')
    .on('comments')
    .columns(['site_id', 'page_key', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_page').execute();
  await db.schema.alterTable('sites').dropColumn('version').execute();
  await db.schema.alterTable('pages').dropColumn('version').execute();
}
