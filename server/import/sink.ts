/**
 * Writes what an importer reads: pages as they come, comments in batches of BATCH, each batch
 * in one transaction. Memory stays bounded whatever the size of the export: a batch, and the
 * keys of the pages touched (for the recount at the end).
 *
 * Idempotent: every comment keeps its source id ("disqus:123"), unique per site, and a second run
 * inserts nothing it inserted before; guest authors are keyed the same way. Replies are linked to
 * their parents in SQL once everything is in, so the order of the export does not matter, and a
 * reply to a reply is attached to the top comment, as in Pikir's own threads.
 */
import type { Kysely } from 'kysely';
import { randomId } from '../ids.ts';
import { countVisible, lockPage } from '../storage/pages.ts';
import type { Database } from '../storage/schema.ts';
import {
  cleanName,
  cleanPage,
  cleanPageKey,
  cleanText,
  type ImportedComment,
  type ImportedPage,
  type ImportSource,
} from './records.ts';

/** Comments (or pages) written per transaction. */
const BATCH = 500;
/**
 * Each round of linkReplies hangs every reply under its parent's parent, which at least halves
 * the longest chain: this many rounds flatten any chain an export can hold.
 */
const LIFTING_ROUNDS = 64;

export interface ImportStats {
  pages: number;
  /** Comments inserted by this run. */
  added: number;
  /** Comments read that an earlier run had already inserted. */
  alreadyThere: number;
  /** Comments left out (spam, empty), by reason. */
  skipped: Record<string, number>;
}

export function createImportSink(db: Kysely<Database>, siteId: string, source: ImportSource, now: number) {
  const touched = new Set<string>();
  let batch: ImportedComment[] = [];
  let pages: ImportedPage[] = [];
  const stats: ImportStats = { pages: 0, added: 0, alreadyThere: 0, skipped: {} };

  async function page(input: ImportedPage): Promise<void> {
    pages.push(cleanPage(input));
    if (pages.length >= BATCH) await flush();
  }

  /** New pages; one that exists keeps its title and URL, as when readers post (storage/pages.ts). */
  async function insertPages(tx: Kysely<Database>, rows: ImportedPage[]): Promise<void> {
    if (rows.length === 0) return;
    const result = await tx
      .insertInto('pages')
      .values(
        rows.map((p) => ({
          site_id: siteId,
          page_key: p.key,
          title: p.title,
          url: p.url,
          created_at: p.createdAt,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['site_id', 'page_key']).doNothing())
      .executeTakeFirst();
    stats.pages += Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  function skip(reason: string): void {
    stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
  }

  async function comment(input: ImportedComment): Promise<void> {
    const text = cleanText(input.text);
    if (!text && input.status !== 'deleted') return skip('empty');
    batch.push({
      ...input,
      pageKey: cleanPageKey(input.pageKey),
      text: input.status === 'deleted' ? '' : text,
    });
    if (batch.length >= BATCH) await flush();
  }

  /** Writes the pages and comments read so far, in one transaction (one disk sync for the lot). */
  async function flush(): Promise<void> {
    if (batch.length === 0 && pages.length === 0) return;
    const rows = batch;
    const newPages = pages;
    batch = [];
    pages = [];
    await db.transaction().execute(async (tx) => {
      // Deduplicated: one statement must not name a page twice (PostgreSQL refuses that).
      await insertPages(tx, [...new Map(newPages.map((p) => [p.key, p])).values()]);
      // A comment whose page the export did not describe still gets one, named by its id.
      const described = new Set(newPages.map((p) => p.key));
      const bare = [...new Set(rows.map((c) => c.pageKey))].filter((key) => !described.has(key));
      await insertPages(
        tx,
        bare.map((key) => ({ key, title: key, url: '', createdAt: now })),
      );
      const fresh = await notHereYet(tx, rows);
      stats.alreadyThere += rows.length - fresh.length;
      if (fresh.length === 0) return;
      const authors = await guestAuthors(tx, fresh);
      const result = await tx
        .insertInto('comments')
        .values(
          fresh.map((c) => ({
            id: randomId(),
            site_id: siteId,
            page_key: c.pageKey,
            parent_id: null,
            author_id: authors.get(c.author.key)!,
            text: c.text,
            status: c.status,
            created_at: c.createdAt,
            edited_at: null,
            ip_key: null,
            import_source_id: `${source}:${c.sourceId}`,
            // A post that names itself as its parent (a broken export) stands on its own.
            import_parent_id:
              c.parentSourceId === null || c.parentSourceId === c.sourceId
                ? null
                : `${source}:${c.parentSourceId}`,
          })),
        )
        .onConflict((oc) => oc.columns(['site_id', 'import_source_id']).doNothing())
        .executeTakeFirst();
      const added = Number(result.numInsertedOrUpdatedRows ?? 0);
      stats.added += added;
      stats.alreadyThere += fresh.length - added;
    });
    for (const c of rows) touched.add(c.pageKey);
  }

  /**
   * A Pikir export read back into the site it came from: its comments are the site's own (by id),
   * not new ones. Other sources' ids never name a comment here.
   */
  async function notHereYet(tx: Kysely<Database>, rows: ImportedComment[]): Promise<ImportedComment[]> {
    if (source !== 'pikir' || rows.length === 0) return rows;
    const here = await tx
      .selectFrom('comments')
      .select('id')
      .where('site_id', '=', siteId)
      .where(
        'id',
        'in',
        rows.map((c) => c.sourceId),
      )
      .execute();
    const ids = new Set(here.map((c) => c.id));
    return rows.filter((c) => !ids.has(c.sourceId));
  }

  /** The guest author row of each author key in the batch, made on first sight. */
  async function guestAuthors(tx: Kysely<Database>, rows: ImportedComment[]): Promise<Map<string, string>> {
    const byKey = new Map(rows.map((c) => [`${siteId}|${source}:${c.author.key}`, c.author]));
    const importKeys = [...byKey.keys()];
    await tx
      .insertInto('users')
      .values(
        importKeys.map((importKey) => {
          const author = byKey.get(importKey)!;
          return {
            id: randomId(),
            display_name: author.deleted ? '' : cleanName(author.name),
            email: null,
            email_key: null,
            phone: null,
            password_hash: null,
            created_at: now,
            deleted_at: author.deleted ? now : null,
            import_key: importKey,
          };
        }),
      )
      .onConflict((oc) => oc.column('import_key').doNothing())
      .execute();
    const found = await tx
      .selectFrom('users')
      .select(['id', 'import_key'])
      .where('import_key', 'in', importKeys)
      .execute();
    const prefix = `${siteId}|${source}:`.length;
    return new Map(found.map((u) => [u.import_key!.slice(prefix), u.id]));
  }

  /** Writes the last batch, links replies to their parents and recounts every page touched. */
  async function finish(): Promise<ImportStats> {
    await flush();
    await linkReplies();
    // A few hundred pages a transaction: one disk sync each, and no page held locked for long.
    const keys = [...touched].sort();
    for (let i = 0; i < keys.length; i += BATCH) {
      await db.transaction().execute(async (tx) => {
        for (const pageKey of keys.slice(i, i + BATCH)) {
          // The lock bumps the page's version too: cached first pages and ETags of it go stale.
          await lockPage(tx, siteId, pageKey);
          const count = await countVisible(tx, siteId, pageKey);
          await tx
            .updateTable('pages')
            .set({ comment_count: count })
            .where('site_id', '=', siteId)
            .where('page_key', '=', pageKey)
            .execute();
        }
      });
    }
    return stats;
  }

  /**
   * Points each imported reply at its parent (the same page, this site), then lifts replies to
   * replies until each hangs under a top-level comment. A reply whose parent was left out (spam)
   * stays top-level, its source parent kept in case a later import brings the parent.
   */
  async function linkReplies(): Promise<void> {
    await db
      .updateTable('comments')
      .set((eb) => ({
        parent_id: eb
          .selectFrom('comments as p')
          .select('p.id')
          .whereRef('p.site_id', '=', 'comments.site_id')
          .whereRef('p.import_source_id', '=', 'comments.import_parent_id')
          .whereRef('p.page_key', '=', 'comments.page_key'),
        import_parent_id: null,
      }))
      .where('site_id', '=', siteId)
      .where('import_parent_id', 'is not', null)
      .where('parent_id', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('comments as p')
            .select('p.id')
            .whereRef('p.site_id', '=', 'comments.site_id')
            .whereRef('p.import_source_id', '=', 'comments.import_parent_id')
            .whereRef('p.page_key', '=', 'comments.page_key'),
        ),
      )
      .execute();
    for (let round = 0; round < LIFTING_ROUNDS; round++) {
      const lifted = await db
        .updateTable('comments')
        .set((eb) => ({
          parent_id: eb
            .selectFrom('comments as p')
            .select('p.parent_id')
            .whereRef('p.id', '=', 'comments.parent_id'),
        }))
        .where('site_id', '=', siteId)
        .where('parent_id', 'in', underReplies())
        .executeTakeFirst();
      if (Number(lifted.numUpdatedRows) === 0) return;
    }
    // What still hangs under a reply is in a ring of posts that name each other as parents (a
    // broken export), or answers one: lifting never ends there. After the rounds the links no
    // longer tell the ring from what answers it, so all of them become top-level comments.
    await db
      .updateTable('comments')
      .set({ parent_id: null })
      .where('site_id', '=', siteId)
      .where('parent_id', 'in', underReplies())
      .execute();
  }

  /** The site's replies: what hangs under one of them is still to be lifted. */
  function underReplies() {
    return db
      .selectFrom('comments as p')
      .select('p.id')
      .where('p.site_id', '=', siteId)
      .where('p.parent_id', 'is not', null);
  }

  return { page, comment, skip, finish };
}

export type ImportSink = ReturnType<typeof createImportSink>;
