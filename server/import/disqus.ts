/**
 * Disqus XML export (Admin → Community → Export): <thread dsq:id> elements with the article's
 * <link>, <title> and <id> (the disqus_identifier), then <post dsq:id> elements naming their
 * <thread dsq:id> and, for replies, their <parent dsq:id>. A post's <message> is HTML; it becomes
 * plain text. Spam (<isSpam>true) is left out; a deleted post (<isDeleted>true) is kept as a
 * placeholder, so that its replies keep their place; a deleted thread is left out with its posts.
 *
 * Threads come before posts in Disqus's exports; the thread ids and their page keys are the only
 * thing held for the whole run (bounded by the number of articles, not of comments).
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { htmlToText } from './html-text.ts';
import { ImportError, type ImportedComment } from './records.ts';
import type { ImportSink } from './sink.ts';
import { readXmlRecords, type XmlRecord } from './xml-records.ts';

/** Which of a thread's names becomes the Pikir page id: its URL (the widget's default) or its identifier. */
export type PageKeyFrom = 'url' | 'id';

const WANTED = new Set([
  'id',
  'link',
  'title',
  'createdAt',
  'isDeleted',
  'isSpam',
  'message',
  'author/name',
  'author/email',
  'author/username',
  'thread@dsq:id',
  'parent@dsq:id',
]);

export async function importDisqus(
  input: Readable,
  sink: ImportSink,
  options: { pageKey: PageKeyFrom; onBytes?: (bytes: number) => void },
): Promise<void> {
  const threads = new Map<string, string | null>();
  await readXmlRecords(input, {
    root: 'disqus',
    what: 'a Disqus export',
    isRecord: (path) => path.length === 2 && (path[1] === 'thread' || path[1] === 'post'),
    wanted: WANTED,
    onBytes: options.onBytes,
    onRecord: async (record) => {
      if (record.name === 'thread') await thread(record);
      else await post(record);
    },
  });

  async function thread(record: XmlRecord) {
    const id = dsqId(record);
    if (isTrue(record, 'isDeleted')) {
      threads.set(id, null);
      return;
    }
    const url = field(record, 'link');
    const key = options.pageKey === 'id' ? field(record, 'id') || url : url;
    if (!key) throw new ImportError(`line ${record.line}: thread ${id} has neither <link> nor <id>`);
    threads.set(id, key);
    await sink.page({ key, title: field(record, 'title') || key, url, createdAt: date(record) });
  }

  async function post(record: XmlRecord) {
    const id = dsqId(record);
    const threadId = record.fields.get('thread@dsq:id');
    if (!threadId) throw new ImportError(`line ${record.line}: post ${id} names no <thread dsq:id="…">`);
    const pageKey = threads.get(threadId);
    if (pageKey === undefined) {
      throw new ImportError(
        `line ${record.line}: post ${id} is in thread ${threadId}, which the export does not hold`,
      );
    }
    if (pageKey === null) return sink.skip('deleted thread');
    if (isTrue(record, 'isSpam')) return sink.skip('spam');
    const comment: ImportedComment = {
      sourceId: id,
      pageKey,
      parentSourceId: record.fields.get('parent@dsq:id') ?? null,
      author: author(record),
      text: htmlToText(field(record, 'message')),
      createdAt: date(record),
      status: isTrue(record, 'isDeleted') ? 'deleted' : 'published',
    };
    await sink.comment(comment);
  }
}

function dsqId(record: XmlRecord): string {
  const id = record.attrs['dsq:id'];
  if (!id) throw new ImportError(`line ${record.line}: <${record.name}> without dsq:id`);
  return id;
}

function field(record: XmlRecord, path: string): string {
  return (record.fields.get(path) ?? '').trim();
}

function isTrue(record: XmlRecord, path: string): boolean {
  return field(record, path) === 'true';
}

function date(record: XmlRecord): number {
  const text = field(record, 'createdAt');
  const at = Date.parse(text);
  if (!text || Number.isNaN(at)) {
    throw new ImportError(`line ${record.line}: <${record.name}> has no valid <createdAt> ("${text}")`);
  }
  return at;
}

/** One guest author per Disqus user name, else per email (hashed: the address itself is not kept), else per name. */
function author(record: XmlRecord): ImportedComment['author'] {
  const name = field(record, 'author/name');
  const username = field(record, 'author/username');
  const email = field(record, 'author/email').toLowerCase();
  const key = username
    ? `u:${username}`
    : email
      ? `e:${createHash('sha256').update(email).digest('hex').slice(0, 32)}`
      : `n:${name}`;
  return { key, name: name || username };
}
