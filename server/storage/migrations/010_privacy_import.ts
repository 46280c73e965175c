import type { Kysely } from 'kysely';

// Leaving and arriving: an account erased on request stays as a row without name, contact or
// password (comments, complaints and the audit log keep pointing at it), and comments imported
// from another system keep their source's ids so that a second import adds nothing. Their
// authors are guest authors: user rows with no contact and no password, which nobody can sign
// in to, named by `import_key` so that one author's comments share one row per site.
export async function up(db: Kysely<any>): Promise<void> {
  // When the account was erased (server/storage/account-erasure.ts); null for a live account.
  await db.schema.alterTable('users').addColumn('deleted_at', 'bigint').execute();
  // "<site>|<source>:<author key>" for a guest author made by an import; null for accounts.
  await db.schema.alterTable('users').addColumn('import_key', 'text').execute();
  await db.schema.createIndex('users_import_key').on('users').column('import_key').unique().execute();

  // "<source>:<id in the source>" ("disqus:123", "wordpress:45", "pikir:abc"); null for
  // comments posted here. Unique per site: re-running an import inserts nothing twice.
  await db.schema.alterTable('comments').addColumn('import_source_id', 'text').execute();
  // The parent's source id, until the import links the reply to its Pikir parent.
  await db.schema.alterTable('comments').addColumn('import_parent_id', 'text').execute();
  await db.schema
    .createIndex('comments_import_source')
    .on('comments')
    .columns(['site_id', 'import_source_id'])
    .unique()
    .execute();
  // The recount after an import finds a page's comments by 006's comments_page index.
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_import_source').execute();
  await db.schema.alterTable('comments').dropColumn('import_parent_id').execute();
  await db.schema.alterTable('comments').dropColumn('import_source_id').execute();
  await db.schema.dropIndex('users_import_key').execute();
  await db.schema.alterTable('users').dropColumn('import_key').execute();
  await db.schema.alterTable('users').dropColumn('deleted_at').execute();
}
