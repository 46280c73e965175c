import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { compiledOnce, numberArg } from './compiled.ts';
import { isStorageFault } from './faults.ts';
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
 * Bumps the page's version and adds `countDelta` to its count; the upsert takes the page's row
 * lock for the rest of the transaction. Returns the page's new version.
 */
export async function upsertPage(
  db: Kysely<Database>,
  page: PageInfo,
  now: number,
  countDelta = 0,
): Promise<number> {
  const [row] = await upsertPageRow(db, page.siteId, page.pageKey, page.title, page.url, countDelta, now);
  return Number(row!.version);
}

/** Every post runs it: compiled once (compiled.ts). */
const upsertPageRow = compiledOnce(6, (db, siteId, pageKey, title, url, countDelta, now) =>
  upsertPageQuery(db, siteId, pageKey, title, url, numberArg(countDelta), numberArg(now)),
);

/** upsertPage's statement, for a caller that runs it inside a statement of its own. */
export function upsertPageQuery(
  db: Kysely<Database>,
  siteId: string,
  pageKey: string,
  title: string,
  url: string,
  countDelta: number,
  now: number,
) {
  return db
    .insertInto('pages')
    .values({
      site_id: siteId,
      page_key: pageKey,
      title,
      url,
      comment_count: countDelta,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .onConflict((oc) =>
      oc.columns(['site_id', 'page_key']).doUpdateSet((eb) => ({
        updated_at: now,
        version: eb(eb.ref('pages.version'), '+', 1),
        comment_count: eb(eb.ref('pages.comment_count'), '+', countDelta),
      })),
    )
    .returning('version');
}

/**
 * Takes the page's row lock for the rest of the transaction and bumps its version (the thread is
 * about to change), so that concurrent writers to one thread change its count one after the
 * other. In PostgreSQL each later statement of the transaction then sees the other writer's rows.
 */
export async function lockPage(db: Kysely<Database>, siteId: string, pageKey: string): Promise<void> {
  await db
    .updateTable('pages')
    .set((eb) => ({ version: eb(eb.ref('version'), '+', 1) }))
    .where('site_id', '=', siteId)
    .where('page_key', '=', pageKey)
    .execute();
}

/** Adds `delta` to the page's count of visible comments. Call after lockPage or upsertPage. */
export async function addToPageCount(
  db: Kysely<Database>,
  siteId: string,
  pageKey: string,
  delta: number,
): Promise<void> {
  if (delta === 0) return;
  await db
    .updateTable('pages')
    .set((eb) => ({ comment_count: eb(eb.ref('comment_count'), '+', delta) }))
    .where('site_id', '=', siteId)
    .where('page_key', '=', pageKey)
    .execute();
}

/**
 * What `comment_count` must equal: published comments, top-level or under a top comment that is
 * itself published or a deleted placeholder. It scans the page's comments: writes keep the count
 * by deltas instead; this is the reference they are checked against.
 */
export async function countVisible(db: Kysely<Database>, siteId: string, pageKey: string): Promise<number> {
  const row = await db
    .selectFrom('comments as c')
    .leftJoin('comments as p', 'p.id', 'c.parent_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.site_id', '=', siteId)
    .where('c.page_key', '=', pageKey)
    .where('c.status', '=', 'published')
    .where((eb) => eb.or([eb('c.parent_id', 'is', null), eb('p.status', 'in', ['published', 'deleted'])]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
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

const selectPageState = compiledOnce(2, (db, siteId, pageKey) =>
  db
    .selectFrom('pages')
    .select(['comment_count', 'version', 'created_at', 'closed_at'])
    .where('site_id', '=', siteId)
    .where('page_key', '=', pageKey),
);

export interface PageState {
  total: number;
  version: number;
  /** The page's first comment (0 before it). */
  createdAt: number;
  /** When an admin closed the thread; null: open. */
  closedAt: number | null;
}

type PageStateRow = {
  comment_count: number;
  version: number;
  created_at: number;
  closed_at: number | null;
};

function toPageState(row: PageStateRow | undefined): PageState {
  return row
    ? {
        total: Number(row.comment_count),
        version: Number(row.version),
        createdAt: Number(row.created_at),
        closedAt: row.closed_at === null ? null : Number(row.closed_at),
      }
    : { total: 0, version: 0, createdAt: 0, closedAt: null };
}

/**
 * A page's count and version (0 and 0 before its first comment): one indexed row, on every read.
 * On PostgreSQL, outside a transaction, concurrent reads share their statements (PageStateBatch).
 */
export async function getPageState(
  db: Kysely<Database>,
  siteId: string,
  pageKey: string,
): Promise<PageState> {
  if (!db.isTransaction && db.getExecutor().adapter instanceof PostgresAdapter) {
    let batch = batches.get(db);
    if (!batch) {
      batch = new PageStateBatch(db);
      batches.set(db, batch);
    }
    return batch.get(siteId, pageKey);
  }
  return readPageState(db, siteId, pageKey);
}

/** One page's state, by a statement of its own. */
async function readPageState(db: Kysely<Database>, siteId: string, pageKey: string): Promise<PageState> {
  const [row] = await selectPageState(db, siteId, pageKey);
  return toPageState(row);
}

const batches = new WeakMap<Kysely<Database>, PageStateBatch>();
/** Pages one batched statement asks for at most, and such statements running at once. */
const BATCH_MAX = 200;
const BATCHES_AT_ONCE = 3;

interface StateWaiter {
  resolve(state: PageState): void;
  reject(error: unknown): void;
}

/** One page's state, and everyone waiting for it. */
interface StateRequest {
  siteId: string;
  pageKey: string;
  waiters: StateWaiter[];
}

/**
 * Every thread read checks its page's version, and on PostgreSQL each check is a round trip that
 * costs the server process more than answering from the first-page cache. While BATCHES_AT_ONCE
 * statements are running, reads of page states wait for the next one, which asks for all of them
 * at once: many readers of hot threads cost one round trip per batch, not one each, and a pool
 * busy with writes is not asked for a connection per read. Exact: a read is answered only by a
 * statement that started after it was asked, never by one already running (which may predate a
 * write the reader must see).
 */
class PageStateBatch {
  private waiting = new Map<string, StateRequest>();
  private running = 0;

  constructor(private readonly db: Kysely<Database>) {}

  get(siteId: string, pageKey: string): Promise<PageState> {
    return new Promise((resolve, reject) => {
      const key = `${siteId}\u0000${pageKey}`;
      let entry = this.waiting.get(key);
      if (!entry) {
        entry = { siteId, pageKey, waiters: [] };
        this.waiting.set(key, entry);
      }
      entry.waiters.push({ resolve, reject });
      if (this.running < BATCHES_AT_ONCE) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running++;
    try {
      while (this.waiting.size > 0) {
        const batch = [...this.waiting.values()].slice(0, BATCH_MAX);
        for (const entry of batch) this.waiting.delete(`${entry.siteId}\u0000${entry.pageKey}`);
        try {
          const rows = await selectPageStates(this.db, batch);
          const found = new Map(rows.map((r) => [`${r.site_id}\u0000${r.page_key}`, r]));
          for (const entry of batch) {
            const state = toPageState(found.get(`${entry.siteId}\u0000${entry.pageKey}`));
            for (const waiter of entry.waiters) waiter.resolve(state);
          }
        } catch (error) {
          // A database that cannot serve fails them all alike. Any other error is one page's
          // (a key the statement cannot take): each is asked on its own, so only that one fails.
          // Those statements start after every waiter asked, as the batch's would have.
          if (batch.length === 1 || isStorageFault(error)) {
            for (const entry of batch) for (const waiter of entry.waiters) waiter.reject(error);
          } else {
            await Promise.all(batch.map((entry) => this.askAlone(entry)));
          }
        }
      }
    } finally {
      this.running--;
    }
  }

  private async askAlone(entry: StateRequest): Promise<void> {
    try {
      const state = await readPageState(this.db, entry.siteId, entry.pageKey);
      for (const waiter of entry.waiters) waiter.resolve(state);
    } catch (error) {
      for (const waiter of entry.waiters) waiter.reject(error);
    }
  }
}

/** One statement for any number of pages: the pairs go as two arrays, so its text never changes. */
function selectPageStates(db: Kysely<Database>, pages: { siteId: string; pageKey: string }[]) {
  return sql<PageStateRow & { site_id: string; page_key: string }>`
    select p.site_id, p.page_key, p.comment_count, p.version, p.created_at, p.closed_at
    from unnest(${pages.map((p) => p.siteId)}::text[], ${pages.map((p) => p.pageKey)}::text[]) as w(site_id, page_key)
    join pages p on p.site_id = w.site_id and p.page_key = w.page_key`
    .execute(db)
    .then((r) => r.rows);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether the thread takes no new comments: an admin closed it, or the site's `closeAfterDays`
 * have passed since its first comment (a page without comments is open).
 */
export function isClosed(
  state: Pick<PageState, 'createdAt' | 'closedAt'>,
  closeAfterDays: number | null,
  now: number,
): boolean {
  if (state.closedAt !== null) return true;
  return closeAfterDays !== null && state.createdAt > 0 && now >= state.createdAt + closeAfterDays * DAY_MS;
}

/**
 * Closes (`closedAt` a time) or reopens (null) a thread and bumps its version, so that ETags and
 * the cached first page change. False when the page has no comments (no row): nothing to close.
 * A change that changes nothing (closing a closed thread) keeps the first time and the version.
 */
export async function setPageClosed(
  db: Kysely<Database>,
  siteId: string,
  pageKey: string,
  closedAt: number | null,
): Promise<{ found: boolean; changed: boolean }> {
  const result = await db
    .updateTable('pages')
    .set((eb) => ({ closed_at: closedAt, version: eb(eb.ref('version'), '+', 1) }))
    .where('site_id', '=', siteId)
    .where('page_key', '=', pageKey)
    .where('closed_at', closedAt === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return { found: true, changed: true };
  return { found: (await getPage(db, siteId, pageKey)) !== undefined, changed: false };
}
