import type { Kysely } from 'kysely';
import type { CommentView, ThreadComment } from '../../shared/api.ts';
import { adjustCommentCount, type PageInfo, upsertPage } from './pages.ts';
import type { Database } from './schema.ts';

/** Statuses a reader sees in a thread. */
const VISIBLE = ['published'];

export interface ThreadCursor {
  createdAt: number;
  id: string;
}

export interface ThreadSlice {
  comments: ThreadComment[];
  next: ThreadCursor | null;
}

/**
 * Top-level comments newest first, `limit` of them after `before` (keyset, no OFFSET: a page
 * stays cheap however deep the reader scrolls), each with all its visible replies oldest first.
 */
export async function listThread(
  db: Kysely<Database>,
  q: { siteId: string; pageKey: string; before?: ThreadCursor; limit: number },
): Promise<ThreadSlice> {
  const rows = await selectComments(db)
    .where('c.site_id', '=', q.siteId)
    .where('c.page_key', '=', q.pageKey)
    .where('c.parent_id', 'is', null)
    .where('c.status', 'in', VISIBLE)
    .$if(q.before !== undefined, (qb) =>
      qb.where((eb) =>
        eb(eb.refTuple('c.created_at', 'c.id'), '<', eb.tuple(q.before!.createdAt, q.before!.id)),
      ),
    )
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(q.limit + 1)
    .execute();

  const top = rows.slice(0, q.limit).map(toView);
  const replies = top.length
    ? (
        await selectComments(db)
          .where(
            'c.parent_id',
            'in',
            top.map((c) => c.id),
          )
          .where('c.status', 'in', VISIBLE)
          .orderBy('c.created_at', 'asc')
          .orderBy('c.id', 'asc')
          .execute()
      ).map(toView)
    : [];

  const comments = top.map((c) => ({ ...c, replies: replies.filter((r) => r.parentId === c.id) }));
  const last = top.at(-1);
  const next = rows.length > q.limit && last ? { createdAt: last.createdAt, id: last.id } : null;
  return { comments, next };
}

export async function getPageTotal(db: Kysely<Database>, siteId: string, pageKey: string): Promise<number> {
  const row = await db
    .selectFrom('pages')
    .select('comment_count')
    .where('site_id', '=', siteId)
    .where('page_key', '=', pageKey)
    .executeTakeFirst();
  return row ? Number(row.comment_count) : 0;
}

export interface NewComment {
  id: string;
  page: PageInfo;
  parentId: string | null;
  authorId: string;
  text: string;
}

/** Stores a published comment, creating its page on the first one and keeping the count exact. */
export async function insertComment(db: Kysely<Database>, comment: NewComment, now: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await upsertPage(tx, comment.page, now);
    await tx
      .insertInto('comments')
      .values({
        id: comment.id,
        site_id: comment.page.siteId,
        page_key: comment.page.pageKey,
        parent_id: comment.parentId,
        author_id: comment.authorId,
        text: comment.text,
        status: 'published',
        created_at: now,
        edited_at: null,
      })
      .execute();
    await adjustCommentCount(tx, comment.page.siteId, comment.page.pageKey, 1);
  });
}

function selectComments(db: Kysely<Database>) {
  return db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .select([
      'c.id',
      'c.parent_id',
      'c.author_id',
      'u.display_name',
      'c.text',
      'c.status',
      'c.created_at',
      'c.edited_at',
    ]);
}

type CommentRow = {
  id: string;
  parent_id: string | null;
  author_id: string;
  display_name: string;
  text: string;
  status: string;
  created_at: number;
  edited_at: number | null;
};

function toView(row: CommentRow): CommentView {
  return {
    id: row.id,
    parentId: row.parent_id,
    author: { id: row.author_id, name: row.display_name },
    text: row.text,
    createdAt: Number(row.created_at),
    editedAt: row.edited_at === null ? null : Number(row.edited_at),
    status: 'published',
  };
}
