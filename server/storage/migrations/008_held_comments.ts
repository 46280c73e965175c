import { type Kysely, sql } from 'kysely';

// Pre-moderation: comments wait in status "held" until an admin approves or rejects them. The
// panel's "На проверке" queue lists a site's held comments oldest first; this partial index keeps
// that list cheap however many published comments the site has. Statuses are text: no new column.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('comments_held')
    .on('comments')
    .columns(['site_id', 'created_at', 'id'])
    .where(sql.ref('status'), '=', 'held')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_held').execute();
}
