import { type Kysely, sql } from 'kysely';

// Likes (and a site's optional dislikes), pinned comments and the "best first" order.
// comment_reactions holds one row per reader and comment (+1 like, -1 dislike); the comment's
// likes, dislikes and score are kept by each reaction in its transaction, never recounted, so a
// reaction costs the same however many the thread has. `score` is the Wilson lower bound of
// likes among reactions, times 1e9, as an integer: a keyset cursor compares it exactly on both
// engines. comments_best makes "Лучшие" a keyset scan like "Сначала новые"; pinned_at marks the
// few comments an admin pinned (shown first in every order, storage/reactions.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comment_reactions')
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_reactions_pk', ['comment_id', 'user_id'])
    .execute();
  // A reader's reactions, for their rate limit.
  await db.schema
    .createIndex('comment_reactions_user')
    .on('comment_reactions')
    .columns(['user_id', 'created_at'])
    .execute();
  for (const column of ['likes', 'dislikes', 'score']) {
    await db.schema
      .alterTable('comments')
      .addColumn(column, 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await db.schema.alterTable('comments').addColumn('pinned_at', 'bigint').execute();
  await db.schema
    .createIndex('comments_best')
    .on('comments')
    .columns(['site_id', 'page_key', 'score', 'created_at', 'id'])
    .where(sql.ref('parent_id'), 'is', null)
    .execute();
  await db.schema
    .createIndex('comments_pinned')
    .on('comments')
    .columns(['site_id', 'page_key', 'pinned_at'])
    .where(sql.ref('pinned_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_pinned').execute();
  await db.schema.dropIndex('comments_best').execute();
  for (const column of ['pinned_at', 'score', 'dislikes', 'likes']) {
    await db.schema.alterTable('comments').dropColumn(column).execute();
  }
  await db.schema.dropTable('comment_reactions').execute();
}
