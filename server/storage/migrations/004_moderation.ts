import { type Kysely, sql } from 'kysely';

// Moderation: complaints, bans and the audit log, and what comments need for posting limits and
// the admins' queue. 003 belongs to the accounts work.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('comments')
    // The poster's address key (IPv4, or IPv6 /64) for per-address posting limits; null on old rows.
    .addColumn('ip_key', 'text')
    .execute();
  await db.schema
    .alterTable('comments')
    // Complaints not yet decided: the queue's "most reported" order, kept beside the comment.
    .addColumn('open_complaints', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('comments')
    // When an admin (or the author, by deleting) last settled the comment's complaints.
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema.createIndex('comments_ip').on('comments').columns(['ip_key', 'created_at']).execute();
  // The open queue: most complaints first, then oldest.
  await db.schema
    .createIndex('comments_open_queue')
    .on('comments')
    .columns(['site_id', 'open_complaints', 'created_at', 'id'])
    .where(sql.ref('open_complaints'), '>', 0)
    .execute();
  await db.schema
    .createIndex('comments_decided')
    .on('comments')
    .columns(['site_id', 'decided_at', 'id'])
    .where(sql.ref('decided_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('reporter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('ip_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // Set when the comment is decided; open complaints are the ones that still count.
    .addColumn('closed_at', 'bigint')
    .execute();
  // One complaint per reader per comment, enforced by the database so concurrent sends store one.
  await db.schema
    .createIndex('complaints_once')
    .on('complaints')
    .columns(['comment_id', 'reporter_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('complaints_reporter')
    .on('complaints')
    .columns(['reporter_id', 'created_at'])
    .execute();
  await db.schema.createIndex('complaints_ip').on('complaints').columns(['ip_key', 'created_at']).execute();

  await db.schema
    .createTable('bans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // Null: for good.
    .addColumn('until', 'bigint')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bans_user').on('bans').columns(['site_id', 'user_id']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    // No foreign keys: the record outlives what it is about.
    .addColumn('comment_id', 'text')
    .addColumn('target_user_id', 'text')
    .addColumn('reason', 'text')
    // Bans only: when the ban ends (null with a ban: for good).
    .addColumn('ban_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_site')
    .on('audit_log')
    .columns(['site_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_target')
    .on('audit_log')
    .columns(['target_user_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_log', 'bans', 'complaints']) await db.schema.dropTable(table).execute();
  for (const index of ['comments_ip', 'comments_open_queue', 'comments_decided']) {
    await db.schema.dropIndex(index).execute();
  }
  for (const column of ['ip_key', 'open_complaints', 'decided_at']) {
    await db.schema.alterTable('comments').dropColumn(column).execute();
  }
}
