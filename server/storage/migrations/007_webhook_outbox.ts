import type { Kysely } from 'kysely';

// Webhooks that survive a restart and a failing receiver: a persistent outbox that the delivery
// worker claims from, and per site the random salt its webhook secret is derived from
// (delivery/webhook-signing.ts): the secret itself is never stored.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('event_type', 'text', (c) => c.notNull())
    // The JSON body exactly as it is sent and signed.
    .addColumn('body', 'text', (c) => c.notNull())
    // pending (waiting or being sent), delivered, failed (given up after a day).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    // A worker that claimed the row owns it until then; a crashed worker's claim simply runs out.
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('webhook_outbox_due')
    .on('webhook_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_outbox_site')
    .on('webhook_outbox')
    .columns(['site_id', 'status', 'finished_at'])
    .execute();
  await db.schema.alterTable('sites').addColumn('webhook_salt', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sites').dropColumn('webhook_salt').execute();
  await db.schema.dropTable('webhook_outbox').execute();
}
