/**
 * WordPress WXR export (Tools → Export): <rss><channel><item> per post or page, with its <title>,
 * <link> and <wp:post_id>, and inside it the post's <wp:comment> elements. A comment's content
 * is WordPress's HTML, where a line break is a line break. Approved comments are published,
 * pending ones kept withheld for the admins, trashed ones kept as placeholders (their replies
 * keep their place); spam, pingbacks and trackbacks are left out.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { PageKeyFrom } from './disqus.ts';
import { htmlToText } from './html-text.ts';
import { ImportError, type ImportedComment, type ImportedStatus } from './records.ts';
import type { ImportSink } from './sink.ts';
import { readXmlRecords, type XmlRecord } from './xml-records.ts';

const WANTED = new Set([
  'title',
  'link',
  'wp:post_id',
  'wp:post_date_gmt',
  'wp:comment_id',
  'wp:comment_author',
  'wp:comment_author_email',
  'wp:comment_date_gmt',
  'wp:comment_date',
  'wp:comment_content',
  'wp:comment_approved',
  'wp:comment_type',
  'wp:comment_parent',
  'wp:comment_user_id',
]);

const STATUS: Record<string, ImportedStatus> = { '1': 'published', '0': 'hidden', trash: 'deleted' };

export async function importWordpress(
  input: Readable,
  sink: ImportSink,
  options: { pageKey: PageKeyFrom; onBytes?: (bytes: number) => void },
): Promise<void> {
  // The item whose page was written, so that each item's page is written once.
  let pageOf: XmlRecord | null = null;
  let pageKey = '';
  await readXmlRecords(input, {
    root: 'rss',
    what: 'a WordPress export (WXR)',
    isRecord: (path) =>
      (path.length === 3 && path[2] === 'item') || (path.length === 4 && path[3] === 'wp:comment'),
    wanted: WANTED,
    onBytes: options.onBytes,
    onRecord: async (record) => {
      if (record.name !== 'wp:comment' || !record.outer) return;
      if (pageOf !== record.outer) {
        pageOf = record.outer;
        pageKey = await page(record.outer);
      }
      await comment(record, pageKey);
    },
  });

  async function page(item: XmlRecord): Promise<string> {
    const url = field(item, 'link');
    const key = options.pageKey === 'id' ? field(item, 'wp:post_id') || url : url;
    if (!key) throw new ImportError(`line ${item.line}: <item> has neither <link> nor <wp:post_id>`);
    const createdAt = wpDate(field(item, 'wp:post_date_gmt'));
    await sink.page({ key, title: field(item, 'title') || key, url, createdAt: createdAt ?? 0 });
    return key;
  }

  async function comment(record: XmlRecord, key: string) {
    const id = field(record, 'wp:comment_id');
    if (!id) throw new ImportError(`line ${record.line}: <wp:comment> without <wp:comment_id>`);
    const type = field(record, 'wp:comment_type');
    if (type === 'pingback' || type === 'trackback') return sink.skip(type);
    const approved = field(record, 'wp:comment_approved');
    const status = STATUS[approved];
    if (!status) return sink.skip(approved === 'spam' ? 'spam' : `status ${approved || 'none'}`);
    const createdAt =
      wpDate(field(record, 'wp:comment_date_gmt')) ?? wpDate(field(record, 'wp:comment_date'));
    if (createdAt === null) throw new ImportError(`line ${record.line}: comment ${id} has no valid date`);
    const parent = field(record, 'wp:comment_parent');
    const imported: ImportedComment = {
      sourceId: id,
      pageKey: key,
      parentSourceId: parent && parent !== '0' ? parent : null,
      author: author(record),
      // wpautop's rule: a line break typed is a line break shown.
      text: htmlToText(field(record, 'wp:comment_content').replace(/\r?\n/g, '<br>')),
      createdAt,
      status,
    };
    await sink.comment(imported);
  }
}

function field(record: XmlRecord, path: string): string {
  return (record.fields.get(path) ?? '').trim();
}

/** "2019-03-01 10:20:30" (UTC for *_gmt); null for WordPress's "0000-00-00 00:00:00" and garbage. */
function wpDate(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match || match[1] === '0000') return null;
  const at = Date.parse(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(at) ? null : at;
}

/** One guest author per WordPress user, else per email (hashed: the address is not kept), else per name. */
function author(record: XmlRecord): ImportedComment['author'] {
  const name = field(record, 'wp:comment_author');
  const userId = field(record, 'wp:comment_user_id');
  const email = field(record, 'wp:comment_author_email').toLowerCase();
  const key =
    userId && userId !== '0'
      ? `u:${userId}`
      : email
        ? `e:${createHash('sha256').update(email).digest('hex').slice(0, 32)}`
        : `n:${name}`;
  return { key, name };
}
