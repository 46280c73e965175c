import type { Kysely } from 'kysely';

// When a comment was deleted (server/storage/comments.ts applyStatus); null while it is not.
// An admin may restore a deleted comment whose text is kept within 30 days of it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('removed_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').dropColumn('removed_at').execute();
}
