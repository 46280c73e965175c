/**
 * Pre-moderation's storage (server/moderation/screen.ts): how many approved comments a reader
 * has on a site, and the held comments waiting for an admin, oldest first.
 */
import type { Kysely } from 'kysely';
import type { QueueItem } from '../../shared/api.ts';
import { queueItems } from './queue.ts';
import type { Database } from './schema.ts';

/** The author's published comments on the site, counted up to `enough` (no need to count further). */
export async function approvedCount(
  db: Kysely<Database>,
  siteId: string,
  authorId: string,
  enough: number,
): Promise<number> {
  const rows = await db
    .selectFrom('comments')
    .select('id')
    .where('author_id', '=', authorId)
    .where('site_id', '=', siteId)
    .where('status', '=', 'published')
    .limit(enough)
    .execute();
  return rows.length;
}

export interface HeldCursor {
  createdAt: number;
  id: string;
}

/** Held comments of the given sites ("all" for a global admin), oldest first, keyset-paginated. */
export async function listHeld(
  db: Kysely<Database>,
  q: { sites: 'all' | string[]; after?: HeldCursor; limit: number; now: number },
): Promise<{ items: QueueItem[]; next: HeldCursor | null }> {
  if (q.sites !== 'all' && q.sites.length === 0) return { items: [], next: null };
  const rows = await db
    .selectFrom('comments as c')
    .select(['c.id', 'c.created_at'])
    .where('c.status', '=', 'held')
    .$if(q.sites !== 'all', (qb) => qb.where('c.site_id', 'in', q.sites as string[]))
    .$if(q.after !== undefined, (qb) =>
      qb.where((eb) =>
        eb(eb.refTuple('c.created_at', 'c.id'), '>', eb.tuple(q.after!.createdAt, q.after!.id)),
      ),
    )
    .orderBy('c.created_at', 'asc')
    .orderBy('c.id', 'asc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const items = await queueItems(
    db,
    page.map((r) => r.id),
    q.now,
  );
  const last = page.at(-1);
  const next = rows.length > q.limit && last ? { createdAt: Number(last.created_at), id: last.id } : null;
  return { items, next };
}
