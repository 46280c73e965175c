/**
 * Pikir's own export of a site, and its import: one JSON document
 *   {"format": "pikir-export", "version": 1, "site": "news", "exportedAt": "…", "records": [
 *     {"type": "page", "key", "title", "url", "createdAt"},
 *     {"type": "comment", "id", "page", "parentId", "author": {"key", "name", "deleted"?},
 *      "text", "status", "createdAt", "editedAt"}, …]}
 * written and read as a stream, one record at a time. It holds no contact, password or address:
 * authors come back as guest authors (one per exported author), not as accounts.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import { parserStream } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import type { Database } from '../storage/schema.ts';
import { ImportError, type ImportedStatus } from './records.ts';
import type { ImportSink } from './sink.ts';

export const EXPORT_FORMAT = 'pikir-export';
export const EXPORT_VERSION = 1;
const BATCH = 1000;

export interface PageRecord {
  type: 'page';
  key: string;
  title: string;
  url: string;
  createdAt: number;
}

export interface CommentRecord {
  type: 'comment';
  id: string;
  page: string;
  parentId: string | null;
  author: { key: string; name: string; deleted?: boolean };
  text: string;
  status: string;
  createdAt: number;
  editedAt: number | null;
}

/** Writes the site's pages, then its comments, in keyset batches; waits whenever `out` is full. */
export async function exportSite(
  db: Kysely<Database>,
  siteId: string,
  out: Writable,
  now: number,
): Promise<{ pages: number; comments: number }> {
  const counts = { pages: 0, comments: 0 };
  let first = true;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const record = async (value: PageRecord | CommentRecord) => {
    await write(`${first ? '' : ',\n'}${JSON.stringify(value)}`);
    first = false;
  };
  const header = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    site: siteId,
    exportedAt: new Date(now).toISOString(),
  };
  await write(`${JSON.stringify(header).slice(0, -1)},"records":[\n`);

  for (let after = ''; ; ) {
    const pages = await db
      .selectFrom('pages')
      .select(['page_key', 'title', 'url', 'created_at'])
      .where('site_id', '=', siteId)
      .where('page_key', '>', after)
      .orderBy('page_key')
      .limit(BATCH)
      .execute();
    for (const p of pages) {
      await record({
        type: 'page',
        key: p.page_key,
        title: p.title,
        url: p.url,
        createdAt: Number(p.created_at),
      });
    }
    counts.pages += pages.length;
    if (pages.length < BATCH) break;
    after = pages.at(-1)!.page_key;
  }

  for (let after = ''; ; ) {
    const comments = await db
      .selectFrom('comments as c')
      .innerJoin('users as u', 'u.id', 'c.author_id')
      .select([
        'c.id',
        'c.page_key',
        'c.parent_id',
        'c.author_id',
        'u.display_name',
        'u.deleted_at',
        'c.text',
        'c.status',
        'c.created_at',
        'c.edited_at',
      ])
      .where('c.site_id', '=', siteId)
      .where('c.id', '>', after)
      .orderBy('c.id')
      .limit(BATCH)
      .execute();
    for (const c of comments) {
      await record({
        type: 'comment',
        id: c.id,
        page: c.page_key,
        parentId: c.parent_id,
        author: {
          key: c.author_id,
          name: c.display_name,
          ...(c.deleted_at === null ? {} : { deleted: true }),
        },
        text: c.text,
        status: c.status,
        createdAt: Number(c.created_at),
        editedAt: c.edited_at === null ? null : Number(c.edited_at),
      });
    }
    counts.comments += comments.length;
    if (comments.length < BATCH) break;
    after = comments.at(-1)!.id;
  }
  await write('\n]}\n');
  return counts;
}

/** Reads an export back into `sink`: the pages, then the comments, as guest authors' comments. */
export async function importPikir(
  input: Readable,
  sink: ImportSink,
  options: { onBytes?: (bytes: number) => void },
): Promise<void> {
  if (options.onBytes) {
    const onBytes = options.onBytes;
    input.on('data', (chunk: Buffer) => onBytes(chunk.length));
  }
  let format: unknown;
  let index = -1;
  // Why a record was not taken (refused, or the storage failed): the pipeline itself reports only
  // that it was aborted.
  let failed: unknown = null;
  // The record being written: the parser's error ends the pipeline at once, while it may be.
  let taking: Promise<void> = Promise.resolve();
  try {
    await pipeline(
      input,
      parserStream(),
      pick.asStream({ filter: /^(format|version|records\.\d+)$/ }),
      streamValues.asStream(),
      async (values: AsyncIterable<{ value: unknown }>) => {
        for await (const { value } of values) {
          taking = take(value);
          try {
            await taking;
          } catch (error) {
            failed = error;
            throw error;
          }
        }
      },
    );
  } catch (error) {
    // Whoever settles the import next (sink.finish) must find that write done.
    await taking.catch(() => {});
    if (failed) throw failed;
    if (error instanceof ImportError) throw error;
    throw new ImportError(`not valid JSON after record ${index + 1}: ${(error as Error).message}`);
  }
  if (format === undefined) throw new ImportError('not a Pikir export: no "format" before the records');

  async function take(value: unknown) {
    if (format === undefined) {
      format = value;
      if (format !== EXPORT_FORMAT)
        throw new ImportError(`not a Pikir export: "format" is ${JSON.stringify(format)}`);
      return;
    }
    if (typeof value === 'number') {
      if (value !== EXPORT_VERSION) throw new ImportError(`export version ${value} is not ${EXPORT_VERSION}`);
      return;
    }
    index++;
    await record(value, index);
  }

  async function record(value: unknown, i: number) {
    const where = `record ${i + 1}`;
    const r = value as Partial<Omit<PageRecord, 'type'> & Omit<CommentRecord, 'type'>> & { type?: unknown };
    if (r.type === 'page') {
      if (typeof r.key !== 'string' || !r.key) throw new ImportError(`${where}: a page needs a "key"`);
      await sink.page({
        key: r.key,
        title: String(r.title ?? r.key),
        url: String(r.url ?? ''),
        createdAt: Number(r.createdAt ?? 0),
      });
    } else if (r.type === 'comment') {
      if (typeof r.id !== 'string' || typeof r.page !== 'string' || typeof r.text !== 'string' || !r.author) {
        throw new ImportError(`${where}: a comment needs "id", "page", "author" and "text"`);
      }
      const createdAt = Number(r.createdAt);
      if (!Number.isFinite(createdAt))
        throw new ImportError(`${where}: comment ${r.id} has no valid "createdAt"`);
      await sink.comment({
        sourceId: r.id,
        pageKey: r.page,
        parentSourceId: typeof r.parentId === 'string' ? r.parentId : null,
        author: {
          key: String(r.author.key),
          name: String(r.author.name ?? ''),
          deleted: r.author.deleted === true,
        },
        text: r.text,
        createdAt,
        status: statusOf(r.status),
      });
    } else {
      throw new ImportError(`${where}: unknown "type" ${JSON.stringify(r.type)}`);
    }
  }
}

/** A comment withheld by complaints comes back withheld by an admin: its complaints are not exported. */
function statusOf(status: unknown): ImportedStatus {
  if (status === 'published' || status === 'deleted') return status;
  return 'hidden';
}
