import { type Kysely, PostgresAdapter } from 'kysely';

// The live thread's log (storage/thread-events.ts): one row per change to a comment, written in
// the change's own transaction, numbered by the page's version after it. `id` orders rows by
// commit on SQLite (one writer), which is what the in-process poller follows; PostgreSQL tells
// other instances by NOTIFY instead. Rows older than an hour are pruned; per page the highest
// version pruned is kept, so that a reader reconnecting from before it is told to reload.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('thread_events')
    .addColumn('id', postgres ? 'bigserial' : 'integer', (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('page_key', 'text', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('comment_id', 'text', (c) => c.notNull())
    // post, edit or status: a comment posted where readers cannot see it (held) is never sent.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('thread_events_page')
    .on('thread_events')
    .columns(['site_id', 'page_key', 'version'])
    .execute();
  await db.schema.createIndex('thread_events_age').on('thread_events').column('created_at').execute();
  await db.schema
    .createTable('thread_event_horizons')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('page_key', 'text', (c) => c.notNull())
    .addColumn('pruned_through', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('thread_event_horizons_pk', ['site_id', 'page_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('thread_event_horizons').execute();
  await db.schema.dropTable('thread_events').execute();
}
