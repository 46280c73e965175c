import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface PageInfo {
  siteId: string;
  pageKey: string;
  title: string;
  url: string;
}

/**
 * Creates the page on its first comment. Its title and URL stay as first reported: any reader can
 * post, so a later post must not be able to rename the article in the admin panel and webhooks.
 */
export async function upsertPage(db: Kysely<Database>, page: PageInfo, now: number): Promise<void> {
  await db
    .insertInto('pages')
    .values({
      site_id: page.siteId,
      page_key: page.pageKey,
      title: page.title,
      url: page.url,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['site_id', 'page_key']).doUpdateSet({ updated_at: now }))
    .execute();
}

/**
 * Takes the page's row lock for the rest of the transaction (a no-op update: portable, unlike
 * SELECT … FOR UPDATE), so that concurrent writers to one thread recount one after the other.
 * In PostgreSQL each later statement of the transaction then sees the other writer's rows.
 */
export async function lockPage(db: Kysely<Database>, siteId: string, pageKey: string): Promise<void> {
  await db
    .updateTable('pages')
    .set((eb) => ({ comment_count: eb.ref('comment_count') }))
    .where('site_id', '=', siteId)
    .where('page_key', '=', pageKey)
    .execute();
}

/**
 * Sets `comment_count` to what readers can see: published comments, top-level or under a top
 * comment that is itself published or a deleted placeholder. Call after lockPage, in the same
 * transaction as the change.
 */
export async function recountPage(db: Kysely<Database>, siteId: string, pageKey: string): Promise<number> {
  const row = await db
    .selectFrom('comments as c')
    .leftJoin('comments as p', 'p.id', 'c.parent_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.site_id', '=', siteId)
    .where('c.page_key', '=', pageKey)
    .where('c.status', '=', 'published')
    .where((eb) => eb.or([eb('c.parent_id', 'is', null), eb('p.status', 'in', ['published', 'deleted'])]))
    .executeTakeFirstOrThrow();
  const count = Number(row.n);
  await db
    .updateTable('pages')
    .set({ comment_count: count })
    .where('site_id', '=', siteId)
    .where('page_key', '=', pageKey)
    .execute();
  return count;
}

/** Visible comments per page id; pages without comments (or unknown) count 0. */
export async function getCommentCounts(
  db: Kysely<Database>,
  siteId: string,
  pageKeys: string[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(pageKeys.map((key) => [key, 0]));
  if (pageKeys.length === 0) return counts;
  const rows = await db
    .selectFrom('pages')
    .select(['page_key', 'comment_count'])
    .where('site_id', '=', siteId)
    .where('page_key', 'in', pageKeys)
    .execute();
  for (const row of rows) counts[row.page_key] = Number(row.comment_count);
  return counts;
}

export async function getPage(
  db: Kysely<Database>,
  siteId: string,
  pageKey: string,
): Promise<{ title: string; url: string } | undefined> {
  return db
    .selectFrom('pages')
    .select(['title', 'url'])
    .where('site_id', '=', siteId)
    .where('page_key', '=', pageKey)
    .executeTakeFirst();
}
