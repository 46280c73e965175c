import type { Kysely } from 'kysely';

// Accounts: one-time codes, reset tickets, rate limits, sign-in failures, the SMS budget and the
// server's own secret. Everything that limits abuse lives here, not in process memory, so several
// server instances share one set of counters.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    // The normalised email or E.164 phone the code was sent to.
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    // HMAC-SHA256(server secret, purpose, site, contact, code): the code itself is never stored.
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON: what registration needs once the code is confirmed (display name, password hash).
    .addColumn('payload', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  // One live code per contact and purpose: a resend replaces the previous one.
  await db.schema.createIndex('codes_contact').on('codes').columns(['purpose', 'contact']).unique().execute();
  await db.schema.createIndex('codes_expires').on('codes').column('expires_at').execute();

  await db.schema
    .createTable('reset_tickets')
    // SHA-256 of the ticket handed to the client.
    .addColumn('ticket_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();

  // A row per limited key; locking it (an upsert) serialises concurrent checks of that key.
  await db.schema
    .createTable('rate_buckets')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('touched_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_buckets_touched').on('rate_buckets').column('touched_at').execute();
  await db.schema
    .createTable('rate_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_events_key').on('rate_events').columns(['key', 'at']).execute();
  await db.schema.createIndex('rate_events_at').on('rate_events').column('at').execute();

  await db.schema
    .createTable('sign_in_failures')
    // "contact:<normalised contact>" or "ip:<address or /64>".
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failed_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sms_usage')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    // UTC date, "2026-11-24".
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('sent', 'integer', (c) => c.notNull())
    // Set once, when the budget first ran out that day (and the admin log said so).
    .addColumn('exhausted_at', 'bigint')
    .addPrimaryKeyConstraint('sms_usage_pk', ['site_id', 'day'])
    .execute();

  await db.schema
    .createTable('admin_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.references('sites.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('admin_log_site').on('admin_log').columns(['site_id', 'at']).execute();

  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'server_secrets',
    'admin_log',
    'sms_usage',
    'sign_in_failures',
    'rate_events',
    'rate_buckets',
    'reset_tickets',
    'codes',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
