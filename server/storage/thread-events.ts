/**
 * The live thread's log (migration 014). Every change to a comment adds a row in the change's own
 * transaction, numbered by the page's version after it: the page's row lock orders the versions
 * of one page as their transactions commit, so a reader that has seen version N and reads the
 * rows above N misses nothing. On PostgreSQL the same transaction NOTIFYs the other instances
 * (delivered at COMMIT, never for a rolled-back change); SQLite is one writer, whose rows the
 * in-process poller follows by `id`.
 *
 * The rows name comments, not their content: what a stream sends is read when it sends, as
 * anonymous readers see the comment then (live-comments.ts), so a comment held or hidden meanwhile
 * is never sent from an old row.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database, ThreadEventsTable } from './schema.ts';

/**
 * The NOTIFY channel prefix; the schema follows it, so that schemas of one database keep apart.
 * The payload is the JSON array [site, page, version] (live/hub.ts), written here and by a post's
 * single statement on PostgreSQL (comments.ts storePostOnPostgres).
 */
export const THREAD_CHANNEL = 'pikir_thread:';

export type ThreadEventKind = ThreadEventsTable['kind'];

export interface ThreadEvent {
  version: number;
  commentId: string;
  kind: ThreadEventKind;
}

/**
 * Logs a change to comment `commentId`; call it inside the change's transaction after the page's
 * version was bumped (upsertPage or lockPage), that is, holding the page's row lock. `version` is
 * that new version when the caller has it (upsertPage returns it), read from the page otherwise.
 */
export async function recordThreadEvent(
  tx: Kysely<Database>,
  change: { siteId: string; pageKey: string; commentId: string; kind: ThreadEventKind },
  now: number,
  version?: number,
): Promise<void> {
  const at = version ?? (await pageVersion(tx, change.siteId, change.pageKey));
  if (at === undefined) return;
  const insert = tx.insertInto('thread_events').values({
    site_id: change.siteId,
    page_key: change.pageKey,
    version: at,
    comment_id: change.commentId,
    kind: change.kind,
    created_at: now,
  });
  if (!(tx.getExecutor().adapter instanceof PostgresAdapter)) {
    await insert.execute();
    return;
  }
  // The row and the NOTIFY in one statement: one round trip less inside every writing transaction.
  const payload = JSON.stringify([change.siteId, change.pageKey, at]);
  await sql`with logged as (${insert}) select pg_notify(${THREAD_CHANNEL} || current_schema(), ${payload})`.execute(
    tx,
  );
}

async function pageVersion(
  tx: Kysely<Database>,
  siteId: string,
  pageKey: string,
): Promise<number | undefined> {
  const page = await tx
    .selectFrom('pages')
    .select('version')
    .where('site_id', '=', siteId)
    .where('page_key', '=', pageKey)
    .executeTakeFirst();
  return page && Number(page.version);
}

/** The page's events above `after`, oldest first, at most `limit`. */
export async function threadEventsAfter(
  db: Kysely<Database>,
  siteId: string,
  pageKey: string,
  after: number,
  limit: number,
): Promise<ThreadEvent[]> {
  const rows = await db
    .selectFrom('thread_events')
    .select(['version', 'comment_id', 'kind'])
    .where('site_id', '=', siteId)
    .where('page_key', '=', pageKey)
    .where('version', '>', after)
    .orderBy('version')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ version: Number(r.version), commentId: r.comment_id, kind: r.kind }));
}

/** The highest version of the page whose events may be gone (0: none pruned). */
export async function prunedThrough(db: Kysely<Database>, siteId: string, pageKey: string): Promise<number> {
  const row = await db
    .selectFrom('thread_event_horizons')
    .select('pruned_through')
    .where('site_id', '=', siteId)
    .where('page_key', '=', pageKey)
    .executeTakeFirst();
  return row ? Number(row.pruned_through) : 0;
}

/** Drops events older than `before`, first raising each page's horizon over them. */
export async function pruneThreadEvents(db: Kysely<Database>, before: number): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await tx
      .insertInto('thread_event_horizons')
      .columns(['site_id', 'page_key', 'pruned_through'])
      .expression((eb) =>
        eb
          .selectFrom('thread_events')
          .select(['site_id', 'page_key', (e) => e.fn.max('version').as('pruned_through')])
          .where('created_at', '<', before)
          .groupBy(['site_id', 'page_key']),
      )
      .onConflict((oc) =>
        oc.columns(['site_id', 'page_key']).doUpdateSet((eb) => ({
          pruned_through: eb.ref('excluded.pruned_through'),
        })),
      )
      .execute();
    const result = await tx.deleteFrom('thread_events').where('created_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}

/** SQLite's poller: the rows after `afterId` in commit order, and where to go on from. */
export async function eventRowsAfter(
  db: Kysely<Database>,
  afterId: number,
  limit: number,
): Promise<{ siteId: string; pageKey: string; id: number }[]> {
  const rows = await db
    .selectFrom('thread_events')
    .select(['id', 'site_id', 'page_key'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, pageKey: r.page_key, id: Number(r.id) }));
}

/** The newest row's id (0 on an empty log): where a new poller starts. */
export async function lastEventRowId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('thread_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}
