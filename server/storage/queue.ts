import type { Kysely } from 'kysely';
import type { QueueItem, QueueState } from '../../shared/api.ts';
import { activeBan } from './bans.ts';
import { commentView } from './comments.ts';
import { listComplaints } from './complaints.ts';
import type { Database } from './schema.ts';

/** open: most complaints first, then oldest. closed: most recently decided first. */
export type QueueCursor =
  | { state: 'open'; complaints: number; createdAt: number; id: string }
  | { state: 'closed'; decidedAt: number; id: string };

/**
 * Reported comments of the given sites ("all" for a global admin), keyset-paginated. Open ones
 * have complaints waiting; closed ones had complaints and have been decided.
 */
export async function listQueue(
  db: Kysely<Database>,
  q: { sites: 'all' | string[]; state: QueueState; after?: QueueCursor; limit: number; now: number },
): Promise<{ items: QueueItem[]; next: QueueCursor | null }> {
  if (q.sites !== 'all' && q.sites.length === 0) return { items: [], next: null };
  const after = q.after?.state === q.state ? q.after : undefined;
  let query = db
    .selectFrom('comments as c')
    .select(['c.id', 'c.open_complaints', 'c.created_at', 'c.decided_at'])
    .$if(q.sites !== 'all', (qb) => qb.where('c.site_id', 'in', q.sites as string[]));
  if (q.state === 'open') {
    query = query
      .where('c.open_complaints', '>', 0)
      .$if(after?.state === 'open', (qb) => {
        const a = after as Extract<QueueCursor, { state: 'open' }>;
        return qb.where((eb) =>
          eb.or([
            eb('c.open_complaints', '<', a.complaints),
            eb.and([
              eb('c.open_complaints', '=', a.complaints),
              eb(eb.refTuple('c.created_at', 'c.id'), '>', eb.tuple(a.createdAt, a.id)),
            ]),
          ]),
        );
      })
      .orderBy('c.open_complaints', 'desc')
      .orderBy('c.created_at', 'asc')
      .orderBy('c.id', 'asc');
  } else {
    query = query
      .where('c.open_complaints', '=', 0)
      .where('c.decided_at', 'is not', null)
      .where((eb) =>
        eb.exists(eb.selectFrom('complaints as k').select('k.id').whereRef('k.comment_id', '=', 'c.id')),
      )
      .$if(after?.state === 'closed', (qb) => {
        const a = after as Extract<QueueCursor, { state: 'closed' }>;
        return qb.where((eb) => eb(eb.refTuple('c.decided_at', 'c.id'), '<', eb.tuple(a.decidedAt, a.id)));
      })
      .orderBy('c.decided_at', 'desc')
      .orderBy('c.id', 'desc');
  }
  const rows = await query.limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const items = await queueItems(
    db,
    page.map((r) => r.id),
    q.now,
  );
  const last = page.at(-1);
  let next: QueueCursor | null = null;
  if (rows.length > q.limit && last) {
    next =
      q.state === 'open'
        ? {
            state: 'open',
            complaints: Number(last.open_complaints),
            createdAt: Number(last.created_at),
            id: last.id,
          }
        : { state: 'closed', decidedAt: Number(last.decided_at), id: last.id };
  }
  return { items, next };
}

/** Everything an admin needs to decide on each comment, in the order of `ids`. */
export async function queueItems(db: Kysely<Database>, ids: string[], now: number): Promise<QueueItem[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .innerJoin('pages as p', (join) =>
      join.onRef('p.site_id', '=', 'c.site_id').onRef('p.page_key', '=', 'c.page_key'),
    )
    .select([
      'c.id',
      'c.site_id',
      'c.page_key',
      'c.parent_id',
      'c.author_id',
      'u.display_name',
      'u.email',
      'u.phone',
      'c.text',
      'c.status',
      'c.created_at',
      'c.edited_at',
      'c.open_complaints',
      'p.title',
      'p.url',
    ])
    .where('c.id', 'in', ids)
    .execute();
  const complaints = await listComplaints(db, ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items: QueueItem[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) continue;
    items.push({
      comment: commentView(row, 'moderator'),
      site: row.site_id,
      page: { key: row.page_key, title: row.title, url: row.url },
      author: {
        id: row.author_id,
        name: row.display_name,
        contact: row.email ?? row.phone,
        banned: await activeBan(db, row.site_id, row.author_id, now),
      },
      complaints: complaints.get(id) ?? [],
      state: Number(row.open_complaints) > 0 ? 'open' : 'closed',
    });
  }
  return items;
}
