import { type Kysely, sql } from 'kysely';

// Readers are told (server/notifications/): of replies to their comments and of the decisions on
// the comments they reported. Each notification is a row, written in the transaction of the reply
// or the decision; an account's email settings; and the email outbox, at most one digest waiting
// per reader, which the email worker (delivery/notification-worker.ts) claims as the webhook
// worker claims its outbox (storage/outbox-claim.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    // reply | complaint_decided (shared/vocabulary.ts notificationKinds).
    .addColumn('kind', 'text', (c) => c.notNull())
    // The reader's comment that was replied to, or the comment they reported.
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    // The reply; null for a complaint's decision.
    .addColumn('reply_id', 'text', (c) => c.references('comments.id').onDelete('cascade'))
    // A complaint's decision: removed | left; null for a reply.
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    // When an email carried it; a reply read in the widget first is not emailed.
    .addColumn('emailed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('notifications_reader')
    .on('notifications')
    .columns(['user_id', 'site_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('notification_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    // 1: the reader turned emails off in the widget's account menu (on by default).
    .addColumn('email_off', 'integer', (c) => c.notNull().defaultTo(0))
    // The language the reader's widget shows: the emails are written in it.
    .addColumn('lang', 'text')
    // When the last email went out: the next waits until 10 minutes after it.
    .addColumn('last_email_at', 'bigint')
    .execute();
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // pending (waiting or being sent) or failed (given up after a day); a sent digest is deleted.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  // One digest waits per reader: later replies join it instead of making emails of their own.
  await db.schema
    .createIndex('email_outbox_one_pending')
    .on('email_outbox')
    .column('user_id')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('email_outbox_due')
    .on('email_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_outbox').execute();
  await db.schema.dropTable('notification_settings').execute();
  await db.schema.dropTable('notifications').execute();
}
