import { type ExpressionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';
import type { CommentStatus, CommentView, ThreadComment, ThreadOrder } from '../../shared/api.ts';
import { PINNED_MAX } from '../../shared/limits.ts';
import { compiledOnce, numberArg } from './compiled.ts';
import { addToPageCount, lockPage, type PageInfo, upsertPage, upsertPageQuery } from './pages.ts';
import type { Database } from './schema.ts';
import { recordThreadEvent, THREAD_CHANNEL } from './thread-events.ts';

export interface ThreadCursor {
  createdAt: number;
  id: string;
  /** The order `best`'s key (storage/reactions.ts wilsonScore); absent in the other orders. */
  score?: number;
}

export interface ThreadSlice {
  comments: (Omit<ThreadComment, 'repliesCursor'> & { repliesCursor: ThreadCursor | null })[];
  next: ThreadCursor | null;
}

/**
 * The replies of top-level comment `parentId` after `after`, oldest first (keyset on created_at
 * and id), `limit` of them and whether more follow, visible as the thread shows them.
 */
export async function listReplies(
  db: Kysely<Database>,
  q: { parentId: string; after?: ThreadCursor; limit: number; viewer?: Viewer | null },
): Promise<{ replies: CommentView[]; next: ThreadCursor | null }> {
  const rows = await selectComments(db)
    .where('c.parent_id', '=', q.parentId)
    .where((eb) => visibleTo(eb as unknown as CommentsEb, 'c', q.viewer ?? null))
    .$if(q.after !== undefined, (qb) =>
      qb.where((eb) =>
        eb(eb.refTuple('c.created_at', 'c.id'), '>', eb.tuple(q.after!.createdAt, q.after!.id)),
      ),
    )
    .orderBy('c.created_at', 'asc')
    .orderBy('c.id', 'asc')
    .limit(q.limit + 1)
    .execute();
  const replies = rows.slice(0, q.limit).map((row) => commentView(row, 'reader'));
  const last = replies.at(-1);
  return { replies, next: rows.length > q.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** Who is reading: their own review/hidden comments show, and all of them for the site's admins. */
export interface Viewer {
  userId: string;
  admin: boolean;
}

/** Visibility rules are written once for either alias of the comments table. */
type CommentsEb = ExpressionBuilder<{ c: Database['comments']; r: Database['comments'] }, 'c' | 'r'>;

/**
 * Top-level comments in `order` (newest first by default), `limit` of them after `before`
 * (keyset, no OFFSET: a page stays cheap however deep the reader scrolls, in every order: each
 * has its index), each with its oldest `replies` replies (all when not given), oldest first, and
 * the count of those it has. Pinned comments come before the first page and are not in the
 * keyset pages. Everyone sees published comments, and deleted ones only as placeholders above
 * replies they can see.
 */
export async function listThread(
  db: Kysely<Database>,
  q: {
    siteId: string;
    pageKey: string;
    before?: ThreadCursor;
    order?: ThreadOrder;
    limit: number;
    replies?: number;
    viewer?: Viewer | null;
    /** Only this top-level comment (a permalink's context), pinned or not. */
    only?: string;
  },
): Promise<ThreadSlice> {
  const viewer = q.viewer ?? null;
  const order = q.order ?? 'new';
  const request: SliceRequest = { ...q, order, viewer, fetch: q.limit + 1 };
  const slice =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? await sliceOnPostgres(db, request)
      : await sliceStatementByStatement(db, sliceParts(db, request));
  const { keyedRows, replyRows } = slice;
  const page = keyedRows.slice(0, q.limit);
  const top = [...slice.pinnedRows, ...page].map((row) => commentView(row, 'reader'));
  const counts = new Map(replyRows.map((r) => [r.parent_id, Number(r.siblings)]));

  const comments = top.map((c) => {
    const replies = replyRows.filter((r) => r.parent_id === c.id).map((r) => commentView(r, 'reader'));
    const replyCount = counts.get(c.id) ?? 0;
    const last = replies.at(-1);
    const repliesCursor =
      last && replyCount > replies.length ? { createdAt: last.createdAt, id: last.id } : null;
    return { ...c, replies, replyCount, repliesCursor };
  });
  const last = page.at(-1);
  const next =
    keyedRows.length > q.limit && last
      ? {
          createdAt: Number(last.created_at),
          id: last.id,
          ...(order === 'best' ? { score: Number(last.score) } : {}),
        }
      : null;
  return { comments, next };
}

/** What listThread reads, as sliceParts builds it; `fetch` is one more than a page (`limit`). */
interface SliceRequest {
  siteId: string;
  pageKey: string;
  before?: ThreadCursor | undefined;
  order: ThreadOrder;
  limit: number;
  fetch: number;
  replies?: number | undefined;
  viewer: Viewer | null;
  only?: string | undefined;
}

/** The top-level page and the pinned comments as queries, for either engine's way of running them. */
function sliceParts(db: Kysely<Database>, q: SliceRequest): SliceParts {
  const { viewer, order } = q;
  const visible = selectComments(db)
    .where('c.site_id', '=', q.siteId)
    .where('c.page_key', '=', q.pageKey)
    .where('c.parent_id', 'is', null)
    .where((eb) =>
      eb.or([
        visibleTo(eb as unknown as CommentsEb, 'c', viewer),
        eb.and([
          eb('c.status', '=', 'deleted'),
          eb.exists(
            eb
              .selectFrom('comments as r')
              .select('r.id')
              .whereRef('r.parent_id', '=', 'c.id')
              .where((rb) => visibleTo(rb as unknown as CommentsEb, 'r', viewer)),
          ),
        ]),
      ]),
    )
    .$if(q.only !== undefined, (qb) => qb.where('c.id', '=', q.only!));
  const b = q.before;
  const keyed = visible
    .$if(q.only === undefined, (qb) => qb.where('c.pinned_at', 'is', null))
    .$if(b !== undefined && order === 'new', (qb) =>
      qb.where((eb) => eb(eb.refTuple('c.created_at', 'c.id'), '<', eb.tuple(b!.createdAt, b!.id))),
    )
    .$if(b !== undefined && order === 'old', (qb) =>
      qb.where((eb) => eb(eb.refTuple('c.created_at', 'c.id'), '>', eb.tuple(b!.createdAt, b!.id))),
    )
    .$if(b !== undefined && order === 'best', (qb) =>
      qb.where((eb) =>
        eb(eb.refTuple('c.score', 'c.created_at', 'c.id'), '<', eb.tuple(b!.score ?? 0, b!.createdAt, b!.id)),
      ),
    )
    .$if(order === 'best', (qb) => qb.orderBy('c.score', 'desc'))
    .orderBy('c.created_at', order === 'old' ? 'asc' : 'desc')
    .orderBy('c.id', order === 'old' ? 'asc' : 'desc')
    .limit(q.fetch);
  // The few pinned comments lead the first page in every order, most recently pinned first.
  const pinned =
    b === undefined && q.only === undefined
      ? visible.where('c.pinned_at', 'is not', null).orderBy('c.pinned_at', 'desc').limit(PINNED_MAX)
      : null;
  return { keyed, pinned, order, limit: q.limit, replies: q.replies, viewer };
}

/** Per shape of request, PostgreSQL's slice statement, built and compiled once (72 shapes at most). */
const slicesByShape = new Map<string, (db: Kysely<Database>, ...args: unknown[]) => Promise<SliceRow[]>>();

/**
 * Building and compiling the slice's statement with Kysely costs more CPU than PostgreSQL takes
 * to run it, so it is built once per shape (order, viewer's kind, and which of the values below
 * the request has) and run with the request's values.
 */
async function sliceOnPostgres(db: Kysely<Database>, q: SliceRequest): Promise<SliceRows> {
  const values: [keyof SliceRequest | 'score' | 'createdAt' | 'cursorId' | 'userId', unknown][] = [
    ['siteId', q.siteId],
    ['pageKey', q.pageKey],
    ['limit', q.limit],
    ['fetch', q.fetch],
  ];
  if (q.replies !== undefined) values.push(['replies', q.replies]);
  if (q.before) values.push(['createdAt', q.before.createdAt], ['cursorId', q.before.id]);
  if (q.before && q.order === 'best') values.push(['score', q.before.score ?? 0]);
  // An admin sees every reader's withheld comments: their own id is not in the statement.
  if (q.viewer && !q.viewer.admin) values.push(['userId', q.viewer.userId]);
  if (q.only !== undefined) values.push(['only', q.only]);
  const names = values.map(([name]) => name);
  const viewerKind = q.viewer ? (q.viewer.admin ? 'admin' : 'reader') : 'anonymous';
  const shape = `${q.order} ${viewerKind} ${names.join(',')}`;
  let run = slicesByShape.get(shape);
  if (!run) {
    run = compiledOnce(names.length, (built, ...marks) => {
      const mark = (name: string) => marks[names.indexOf(name as never)];
      const number = (name: string) => numberArg(mark(name)!);
      const before = q.before && {
        createdAt: number('createdAt'),
        id: mark('cursorId')!,
        ...(q.order === 'best' ? { score: number('score') } : {}),
      };
      return sliceStatement(
        built,
        sliceParts(built, {
          siteId: mark('siteId')!,
          pageKey: mark('pageKey')!,
          order: q.order,
          limit: number('limit'),
          fetch: number('fetch'),
          replies: q.replies === undefined ? undefined : number('replies'),
          viewer: q.viewer && { userId: q.viewer.admin ? '' : mark('userId')!, admin: q.viewer.admin },
          before,
          only: q.only === undefined ? undefined : mark('only'),
        }),
      );
    });
    slicesByShape.set(shape, run);
  }
  const rows = (await run(db, ...values.map(([, value]) => value))) as (SliceRow & {
    part: number;
    siblings: number;
  })[];
  const part = (n: number) => rows.filter((r) => Number(r.part) === n);
  return { pinnedRows: part(1), keyedRows: part(2), replyRows: part(3) };
}

type SliceQuery = ReturnType<typeof selectComments>;
type SliceRow = CommentRow & { score?: number };
interface SliceParts {
  keyed: SliceQuery;
  /** Null past the first page. */
  pinned: SliceQuery | null;
  order: ThreadOrder;
  limit: number;
  replies?: number | undefined;
  viewer: Viewer | null;
}
interface SliceRows {
  /** One more than a page, when a next page follows. */
  keyedRows: SliceRow[];
  pinnedRows: SliceRow[];
  /** The first replies of the pinned and the page's comments, oldest first, with their count. */
  replyRows: (SliceRow & { siblings: number })[];
}

/** Each parent's replies ranked oldest first and counted (the parents are filtered by the caller). */
function rankedReplies(db: Kysely<Database>, viewer: Viewer | null) {
  return selectComments(db)
    .select([
      sql<number>`row_number() over (partition by c.parent_id order by c.created_at, c.id)`.as('rank'),
      sql<number>`count(*) over (partition by c.parent_id)`.as('siblings'),
    ])
    .where((eb) => visibleTo(eb as unknown as CommentsEb, 'c', viewer));
}

/**
 * SQLite: a statement costs no round trip, and its planner runs the three simple statements in a
 * third of the time it takes for the one combined statement PostgreSQL gets.
 */
async function sliceStatementByStatement(db: Kysely<Database>, q: SliceParts): Promise<SliceRows> {
  const keyedRows = await q.keyed.execute();
  const pinnedRows = q.pinned ? await q.pinned.execute() : [];
  const parents = [...pinnedRows, ...keyedRows.slice(0, q.limit)].map((row) => row.id);
  const replyRows = parents.length
    ? await db
        .selectFrom(rankedReplies(db, q.viewer).where('c.parent_id', 'in', parents).as('r'))
        .selectAll()
        .$if(q.replies !== undefined, (qb) => qb.where('r.rank', '<=', q.replies!))
        .orderBy('r.created_at', 'asc')
        .orderBy('r.id', 'asc')
        .execute()
    : [];
  return { keyedRows, pinnedRows, replyRows };
}

/**
 * PostgreSQL: the whole slice is one statement, as every round trip of a read waits its turn
 * behind the posts' callbacks in the event loop: a read of three statements waited thrice.
 */
function sliceStatement(db: Kysely<Database>, q: SliceParts) {
  const keyDirection = q.order === 'old' ? 'asc' : 'desc';
  const keyedRank = sql.raw(
    `${q.order === 'best' ? 'k.score desc, ' : ''}k.created_at ${keyDirection}, k.id ${keyDirection}`,
  );
  return (
    db
      .with('keyed', () => q.keyed)
      // Past the first page, a CTE of the same columns that holds nothing.
      .with('pinned', () => q.pinned ?? q.keyed.where(sql<boolean>`false`))
      .with('shown', (w) =>
        w
          .selectFrom('pinned')
          .select('pinned.id')
          .unionAll(
            w
              .selectFrom(
                w.selectFrom('keyed as k').select('k.id').orderBy(keyedRank).limit(q.limit).as('page'),
              )
              .select('page.id'),
          ),
      )
      .with('ranked', () =>
        rankedReplies(db, q.viewer).where(sql<boolean>`c.parent_id in (select shown.id from shown)`),
      )
      .selectFrom('pinned as k')
      .select([
        ...SLICE_COLUMNS,
        sql<number>`1`.as('part'),
        sql<number>`row_number() over (order by k.pinned_at desc)`.as('ord'),
        sql<number>`cast(null as bigint)`.as('siblings'),
      ])
      .unionAll((w) =>
        w
          .selectFrom('keyed as k')
          .select([
            ...SLICE_COLUMNS,
            sql<number>`2`.as('part'),
            sql<number>`row_number() over (order by ${keyedRank})`.as('ord'),
            sql<number>`cast(null as bigint)`.as('siblings'),
          ]),
      )
      .unionAll((w) =>
        w
          .selectFrom('ranked as k')
          .select([...SLICE_COLUMNS, sql<number>`3`.as('part'), 'k.rank as ord', 'k.siblings'])
          .$if(q.replies !== undefined, (qb) => qb.where('k.rank', '<=', q.replies!)),
      )
      .orderBy('part')
      .orderBy('ord')
  );
}

/**
 * Published for everyone; review, hidden and held for their author and for admins; rejected
 * for its author only (as a notice in its place).
 */
function visibleTo(eb: CommentsEb, alias: 'c' | 'r', viewer: Viewer | null) {
  const status = eb.ref(`${alias}.status`);
  const published = eb(status, '=', 'published');
  if (!viewer) return published;
  const withheld = eb(status, 'in', ['review', 'hidden', 'held']);
  if (viewer.admin) return eb.or([published, withheld]);
  const own = eb(status, 'in', ['review', 'hidden', 'held', 'rejected']);
  return eb.or([published, eb.and([own, eb(eb.ref(`${alias}.author_id`), '=', viewer.userId)])]);
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
  /** The poster's address key, for per-address limits. */
  ipKey?: string | null;
  /** Runs in the same transaction once the comment is in: the reply's notifications. */
  alsoInTransaction?: ((tx: Kysely<Database>) => Promise<void>) | undefined;
  /** "held": waiting for pre-moderation, not counted until approved (default: published). */
  status?: 'published' | 'held';
}

/**
 * Stores a published comment, creating its page on the first one and keeping the count exact.
 * `checks` run first in the same transaction, after the author's row is locked, so that limits
 * read from the comments table hold under concurrent posts; whatever they throw aborts the insert.
 */
export async function insertComment(
  db: Kysely<Database>,
  comment: NewComment,
  now: number,
  checks?: (tx: Kysely<Database>) => Promise<void>,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    // The checks take the locks they read under (auth/posting-limits.ts).
    if (checks) await checks(tx);
    // The upsert also takes the page's row lock, so concurrent posts count one after the other.
    // A top-level comment counts at once; a reply only under a top comment readers can see,
    // read after the lock so that a concurrent hide of the parent is either before or after.
    const published = comment.status !== 'held';
    const { id, parentId, authorId, text } = comment;
    const { siteId, pageKey, title, url } = comment.page;
    const status = published ? 'published' : 'held';
    const countDelta = parentId === null && published ? 1 : 0;
    const ipKey = comment.ipKey ?? null;
    const postgres = tx.getExecutor().adapter instanceof PostgresAdapter;
    // PostgreSQL takes the page, the comment and the thread's event in one statement; SQLite, where
    // a statement costs no round trip, runs them one by one.
    if (postgres) {
      await storePostOnPostgres(
        tx,
        siteId,
        pageKey,
        title,
        url,
        countDelta,
        id,
        parentId,
        authorId,
        text,
        status,
        now,
        ipKey,
      );
    } else {
      const version = await upsertPage(tx, comment.page, now, countDelta);
      await insertCommentRow(tx, id, siteId, pageKey, parentId, authorId, text, status, now, ipKey);
      await recordThreadEvent(tx, { siteId, pageKey, commentId: id, kind: 'post' }, now, version);
    }
    // After the page's lock, which the upsert took.
    const parent = parentId
      ? await tx.selectFrom('comments').select('status').where('id', '=', parentId).executeTakeFirst()
      : undefined;
    if (published && parent && opensReplies(parent.status)) await addToPageCount(tx, siteId, pageKey, 1);
    await comment.alsoInTransaction?.(tx);
  });
}

/** insertCommentRow's statement, also run inside storePostOnPostgres's. */
function insertCommentQuery(
  db: Kysely<Database>,
  id: string,
  siteId: string,
  pageKey: string,
  parentId: string | null,
  authorId: string,
  text: string,
  status: string,
  createdAt: number,
  ipKey: string | null,
) {
  return db.insertInto('comments').values({
    id,
    site_id: siteId,
    page_key: pageKey,
    parent_id: parentId,
    author_id: authorId,
    text,
    status: status as 'published',
    created_at: createdAt,
    edited_at: null,
    ip_key: ipKey,
  });
}

/** Every post runs it: compiled once (compiled.ts). */
const insertCommentRow = compiledOnce(
  9,
  (db, id, siteId, pageKey, parentId, authorId, text, status, createdAt, ipKey) =>
    insertCommentQuery(
      db,
      id,
      siteId,
      pageKey,
      parentId,
      authorId,
      text,
      status,
      numberArg(createdAt),
      ipKey,
    ),
);

/**
 * PostgreSQL: the page's upsert (its row lock and new version), the comment, and the thread's
 * event with its NOTIFY (thread-events.ts) in one statement: two round trips fewer in every
 * post's transaction. The page row the upsert inserts satisfies the comment's foreign key, which
 * PostgreSQL checks at the end of the statement.
 */
const storePostOnPostgres = compiledOnce(
  12,
  (db, siteId, pageKey, title, url, countDelta, id, parentId, authorId, text, status, now, ipKey) => {
    const at = numberArg(now);
    const page = upsertPageQuery(db, siteId, pageKey, title, url, numberArg(countDelta), at);
    const posted = insertCommentQuery(db, id, siteId, pageKey, parentId, authorId, text, status, at, ipKey);
    const query = sql`with page as (${page}), posted as (${posted}), logged as (
      insert into thread_events (site_id, page_key, version, comment_id, kind, created_at)
      select ${siteId}::text, ${pageKey}::text, version, ${id}::text, 'post', ${at}::bigint from page
    )
    select pg_notify(${THREAD_CHANNEL} || current_schema(), json_build_array(${siteId}::text, ${pageKey}::text, version)::text)
    from page`;
    return { compile: () => query.compile(db) };
  },
);

/** Replies under a top comment in this status are visible (when published themselves). */
function opensReplies(status: string): boolean {
  return status === 'published' || status === 'deleted';
}

/** Serialises one user's writes (a no-op update takes the row lock on PostgreSQL). */
export async function lockUser(tx: Kysely<Database>, userId: string): Promise<void> {
  await tx
    .updateTable('users')
    .set((eb) => ({ display_name: eb.ref('display_name') }))
    .where('id', '=', userId)
    .execute();
}

/** A stored comment as the server works with it. */
export interface CommentRecord extends CommentView {
  siteId: string;
  pageKey: string;
  openComplaints: number;
  decidedAt: number | null;
}

export async function getComment(db: Kysely<Database>, id: string): Promise<CommentRecord | undefined> {
  const row = await selectComments(db)
    .select(['c.site_id', 'c.page_key', 'c.open_complaints', 'c.decided_at'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      ...commentView(row, 'moderator'),
      siteId: row.site_id,
      pageKey: row.page_key,
      openComplaints: Number(row.open_complaints),
      decidedAt: row.decided_at === null ? null : Number(row.decided_at),
    }
  );
}

/** What a reply's target is checked against: where it is, its status and its top comment's. */
export interface ReplyTarget {
  siteId: string;
  pageKey: string;
  status: string;
  parentId: string | null;
  /** The status of the top-level comment of its thread: its own when it is one. */
  topStatus: string | null;
}

/** The comment `id` as a reply's target, with its top comment, in one statement; undefined when unknown. */
export async function getReplyTarget(db: Kysely<Database>, id: string): Promise<ReplyTarget | undefined> {
  const [row] = await selectReplyTarget(db, id);
  return (
    row && {
      siteId: row.site_id,
      pageKey: row.page_key,
      status: row.status,
      parentId: row.parent_id,
      topStatus: row.parent_id === null ? row.status : row.top_status,
    }
  );
}

// Every reply runs it: compiled once (compiled.ts).
const selectReplyTarget = compiledOnce(1, (db, id) =>
  db
    .selectFrom('comments as p')
    .leftJoin('comments as t', 't.id', 'p.parent_id')
    .select(['p.site_id', 'p.page_key', 'p.status', 'p.parent_id', 't.status as top_status'])
    .where('p.id', '=', id),
);

export async function editComment(
  db: Kysely<Database>,
  comment: Pick<CommentRecord, 'id' | 'siteId' | 'pageKey'>,
  text: string,
  now: number,
  /** "held": the new text goes (back) to pre-moderation; a held comment stays held either way. */
  screened: 'published' | 'held' = 'published',
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await lockPage(tx, comment.siteId, comment.pageKey);
    // Only while published or held: an edit racing a hide by complaints must not change the withheld text.
    const edited = await tx
      .updateTable('comments')
      .set({ text, edited_at: now })
      .where('id', '=', comment.id)
      .where('status', 'in', ['published', 'held'])
      .executeTakeFirst();
    if (screened === 'held' && Number(edited.numUpdatedRows) > 0) {
      await applyStatus(tx, comment, { status: 'held' }, now);
    }
    await recordThreadEvent(tx, { ...comment, commentId: comment.id, kind: 'edit' }, now);
  });
}

export interface StatusChange {
  status: CommentStatus;
  /** Empties the stored text: an author deleting their own words. Admins' deletions keep it. */
  eraseText?: boolean;
  /** Closes the comment's open complaints: the decision has been made. */
  settle?: boolean;
}

/** Moves a comment to a status and keeps its page's count, in one transaction. */
export async function setCommentStatus(
  db: Kysely<Database>,
  comment: Pick<CommentRecord, 'id' | 'siteId' | 'pageKey'>,
  change: StatusChange,
  now: number,
): Promise<void> {
  await db.transaction().execute((tx) => applyStatus(tx, comment, change, now));
}

/** setCommentStatus inside a transaction the caller holds (lock order: page, then comment). */
export async function applyStatus(
  tx: Kysely<Database>,
  comment: Pick<CommentRecord, 'id' | 'siteId' | 'pageKey'>,
  change: StatusChange,
  now: number,
): Promise<void> {
  await lockPage(tx, comment.siteId, comment.pageKey);
  const before = await tx
    .selectFrom('comments as c')
    .leftJoin('comments as p', 'p.id', 'c.parent_id')
    .select(['c.status', 'c.parent_id', 'p.status as parent_status'])
    .where('c.id', '=', comment.id)
    .executeTakeFirst();
  await tx
    .updateTable('comments')
    .set({
      status: change.status,
      // The deletion's time, kept through later changes while deleted: restoring has 30 days.
      ...(change.status !== 'deleted'
        ? { removed_at: null }
        : before?.status !== 'deleted'
          ? { removed_at: now }
          : {}),
      ...(change.eraseText ? { text: '' } : {}),
      ...(change.settle ? { open_complaints: 0, decided_at: now } : {}),
    })
    .where('id', '=', comment.id)
    .execute();
  if (change.settle) {
    await tx
      .updateTable('complaints')
      .set({ closed_at: now })
      .where('comment_id', '=', comment.id)
      .where('closed_at', 'is', null)
      .execute();
  }
  if (!before) return;
  // The comment itself counts when published under a visible top (or at the top)...
  const counts = (status: string) =>
    status === 'published' && (before.parent_id === null || opensReplies(before.parent_status ?? ''));
  let delta = Number(counts(change.status)) - Number(counts(before.status));
  // ...and a top comment that is hidden or shown again takes its published replies with it.
  if (before.parent_id === null && opensReplies(before.status) !== opensReplies(change.status)) {
    const row = await tx
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', comment.id)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    delta += (opensReplies(change.status) ? 1 : -1) * Number(row.n);
  }
  await addToPageCount(tx, comment.siteId, comment.pageKey, delta);
  await recordThreadEvent(tx, { ...comment, commentId: comment.id, kind: 'status' }, now);
}

/** What selectComments reads of a comment and of its author. */
const COMMENT_COLUMNS = [
  'c.id',
  'c.parent_id',
  'c.author_id',
  'u.display_name',
  'u.deleted_at',
  'c.text',
  'c.status',
  'c.created_at',
  'c.edited_at',
  'c.likes',
  'c.dislikes',
  'c.score',
  'c.pinned_at',
] as const;

/** The same columns read back from the slice's parts (aliased `k`) by listThread. */
type SliceColumn<T> = T extends `${string}.${infer Column}` ? `k.${Column}` : never;
const SLICE_COLUMNS = COMMENT_COLUMNS.map((column) => `k.${column.slice(2)}`) as SliceColumn<
  (typeof COMMENT_COLUMNS)[number]
>[];

export function selectComments(db: Kysely<Database>) {
  return db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .select(COMMENT_COLUMNS);
}

export type CommentRow = {
  id: string;
  parent_id: string | null;
  author_id: string;
  display_name: string;
  /** Set when the author's account was erased (storage/account-erasure.ts). */
  deleted_at?: number | null;
  text: string;
  status: string;
  created_at: number;
  edited_at: number | null;
  likes?: number;
  dislikes?: number;
  pinned_at?: number | null;
};

/**
 * The one mapping from a stored row to the view the API answers with. Readers see a deleted
 * comment as a placeholder that keeps its place but shows neither its text nor its author;
 * moderators see everything as stored, a deleted comment's remaining text and author included.
 */
export function commentView(row: CommentRow, audience: 'reader' | 'moderator'): CommentView {
  const hidden = audience === 'reader' && row.status === 'deleted';
  // An erased account: readers get no id to follow, moderators keep it for the author's history.
  const erased = row.deleted_at !== undefined && row.deleted_at !== null;
  const author = hidden
    ? { id: '', name: '' }
    : erased
      ? { id: audience === 'moderator' ? row.author_id : '', name: '', deleted: true as const }
      : { id: row.author_id, name: row.display_name };
  return {
    id: row.id,
    parentId: row.parent_id,
    author,
    // A rejected comment is gone: its author sees only that it was refused.
    text: hidden || (audience === 'reader' && row.status === 'rejected') ? '' : row.text,
    createdAt: Number(row.created_at),
    editedAt: row.edited_at === null ? null : Number(row.edited_at),
    status: row.status as CommentStatus,
    // Counts only when there are some, and the mark only when pinned: most comments have neither.
    ...(Number(row.likes ?? 0) > 0 ? { likes: Number(row.likes) } : {}),
    ...(Number(row.dislikes ?? 0) > 0 ? { dislikes: Number(row.dislikes) } : {}),
    ...(row.pinned_at !== undefined && row.pinned_at !== null ? { pinned: true as const } : {}),
  };
}

/** A comment as the moderators' view, by id (the answer to a write). */
export async function getCommentView(db: Kysely<Database>, id: string): Promise<CommentView | undefined> {
  const row = await selectComments(db).where('c.id', '=', id).executeTakeFirst();
  return row && commentView(row, 'moderator');
}
