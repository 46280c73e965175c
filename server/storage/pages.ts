import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface PageInfo {
  siteId: string;
  pageKey: string;
  title: string;
  url: string;
}

/** Creates the page on its first comment; later calls refresh the title and URL the widget reports. */
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
    .onConflict((oc) =>
      oc.columns(['site_id', 'page_key']).doUpdateSet({ title: page.title, url: page.url, updated_at: now }),
    )
    .execute();
}

export async function adjustCommentCount(
  db: Kysely<Database>,
  siteId: string,
  pageKey: string,
  delta: number,
): Promise<void> {
  await db
    .updateTable('pages')
    .set((eb) => ({ comment_count: eb('comment_count', '+', delta) }))
    .where('site_id', '=', siteId)
    .where('page_key', '=', pageKey)
    .execute();
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
