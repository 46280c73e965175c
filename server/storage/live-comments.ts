import type { Kysely } from 'kysely';
import type { CommentView } from '../../shared/api.ts';
import { commentView, selectComments } from './comments.ts';
import type { Database } from './schema.ts';

/**
 * What a stream says about each comment, as anonymous readers see it now: the comment (a deleted
 * top-level one as its placeholder), or `null`: gone from their view (hidden, held, a deleted
 * reply, a reply under a hidden comment, or no such comment). Only comments of this page.
 */
export async function liveComments(
  db: Kysely<Database>,
  siteId: string,
  pageKey: string,
  ids: string[],
): Promise<Map<string, CommentView | null>> {
  const seen = new Map<string, CommentView | null>(ids.map((id) => [id, null]));
  if (ids.length === 0) return seen;
  const rows = await selectComments(db)
    .leftJoin('comments as p', 'p.id', 'c.parent_id')
    .select('p.status as parent_status')
    .where('c.id', 'in', ids)
    .where('c.site_id', '=', siteId)
    .where('c.page_key', '=', pageKey)
    .execute();
  for (const row of rows) {
    const top = row.parent_id === null;
    const underVisible = top || row.parent_status === 'published' || row.parent_status === 'deleted';
    const visible = underVisible && (row.status === 'published' || (top && row.status === 'deleted'));
    seen.set(row.id, visible ? commentView(row, 'reader') : null);
  }
  return seen;
}
