import { type Kysely, sql } from 'kysely';

// Sign-up that bots can neither close nor bill: counters that cost one conditional upsert, SMS
// budgets split over shards (no row that every send waits on), single-use proof-of-work
// solutions, and one identity per mailbox whatever the case of the address.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per limit key: the window it counts in started at `started_at` and holds `hits`.
  // A window starts with the first hit after the previous one ended ("anchored" fixed windows).
  await db.schema
    .createTable('rate_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_counters_started').on('rate_counters').column('started_at').execute();

  // A daily SMS budget ("site:<id>" or "server") split into shards that each hold a part of it.
  await db.schema
    .createTable('sms_spend')
    .addColumn('scope', 'text', (c) => c.notNull())
    // The day in the budget's time zone, "2026-11-24".
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('sent', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sms_spend_pk', ['scope', 'day', 'shard'])
    .execute();
  await db
    .insertInto('sms_spend')
    .columns(['scope', 'day', 'shard', 'sent'])
    .expression((eb) =>
      eb
        .selectFrom('sms_usage')
        .select([sql<string>`'site:' || site_id`.as('scope'), 'day', sql<number>`0`.as('shard'), 'sent']),
    )
    .execute();
  await db.schema.dropTable('sms_usage').execute();

  // The old sliding-window limits: three rows and two sweeps per request, one lock per site.
  await db.schema.dropTable('rate_events').execute();
  await db.schema.dropTable('rate_buckets').execute();

  // A proof-of-work solution is good for one request.
  await db.schema
    .createTable('pow_solutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pow_solutions_expires').on('pow_solutions').column('expires_at').execute();

  // The email's identity: the address lower-cased (shared/contact.ts contactKey). `email` keeps the
  // case the reader typed, for sending. Of accounts that differed only in case, the oldest keeps
  // the identity; the others can still reset their password by phone, if they have one.
  await db.schema.alterTable('users').addColumn('email_key', 'text').execute();
  await sql`
    update users set email_key = lower(email)
    where email is not null and not exists (
      select 1 from users older
      where lower(older.email) = lower(users.email)
        and (older.created_at < users.created_at or (older.created_at = users.created_at and older.id < users.id))
    )`.execute(db);
  await db.schema.createIndex('users_email_key_unique').on('users').column('email_key').unique().execute();

  // The sign-in throttle keys by contact too: its counts move to the lower-cased key.
  await sql`
    delete from sign_in_failures
    where key <> lower(key)
      and exists (select 1 from sign_in_failures same where same.key = lower(sign_in_failures.key))`.execute(
    db,
  );
  await sql`update sign_in_failures set key = lower(key) where key <> lower(key)`.execute(db);
  // Pending codes live ten minutes: those of mixed-case addresses are simply asked for again.
  await sql`delete from codes where contact <> lower(contact)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_email_key_unique').execute();
  await db.schema.alterTable('users').dropColumn('email_key').execute();
  await db.schema.dropTable('pow_solutions').execute();
  // The old tables come back empty: their limits start over, the day's SMS count is kept.
  await db.schema
    .createTable('rate_buckets')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('touched_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rate_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sms_usage')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('sent', 'integer', (c) => c.notNull())
    .addColumn('exhausted_at', 'bigint')
    .addPrimaryKeyConstraint('sms_usage_pk', ['site_id', 'day'])
    .execute();
  await sql`
    insert into sms_usage (site_id, day, sent)
    select substr(scope, 6), day, sum(sent) from sms_spend
    where scope like 'site:%' and substr(scope, 6) in (select id from sites)
    group by scope, day`.execute(db);
  await db.schema.dropTable('sms_spend').execute();
  await db.schema.dropTable('rate_counters').execute();
}
