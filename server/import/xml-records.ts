/**
 * Reads an XML export as a stream of records (a Disqus <post>, a WordPress <wp:comment>) with the
 * streaming parser saxes: a chunk is parsed, the records it completed are handled (awaited), then
 * the next chunk is read, so memory holds one chunk and its records whatever the file's size.
 * Only the text of the paths asked for is kept; an article's body and the like are dropped as read.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { ImportError } from './records.ts';

export interface XmlRecord {
  /** The record's element name, as written ("post", "wp:comment"). */
  name: string;
  /** Where the record starts in the file (1-based). */
  line: number;
  /** The record's own attributes. */
  attrs: Record<string, string>;
  /** Text of the wanted descendants by path relative to the record ("author/name"); attributes as "thread@dsq:id". */
  fields: Map<string, string>;
  /** The record this one is inside (a WordPress comment's <item>), as read so far. */
  outer: XmlRecord | null;
}

export interface XmlRecordOptions {
  /** The root element the format must have, for a clear error on the wrong kind of file. */
  root: string;
  /** What the file is, for errors: "a Disqus export". */
  what: string;
  /** Whether the element at `path` (root first) starts a record. */
  isRecord(path: readonly string[]): boolean;
  /** Relative paths whose text (or "path@attr" whose attribute) is kept. */
  wanted: ReadonlySet<string>;
  /** Called when a record's element closes; reading waits for it. */
  onRecord(record: XmlRecord): Promise<void>;
  /** Called after each chunk with its size in bytes, for a progress bar. */
  onBytes?(bytes: number): void;
}

interface Open {
  record: XmlRecord;
  /** Depth of the record's element in `path`. */
  depth: number;
}

export async function readXmlRecords(input: Readable, options: XmlRecordOptions): Promise<void> {
  const parser = new SaxesParser({ position: true });
  const path: string[] = [];
  // Each open element's path relative to the innermost record around it ("" for a record itself).
  const rels: string[] = [];
  const open: Open[] = [];
  const done: XmlRecord[] = [];
  let failure: ImportError | null = null;

  const fail = (line: number, message: string) => new ImportError(`line ${line}: ${message}`);

  parser.on('error', (error) => {
    // saxes prefixes "line:column: "; we say it in words.
    failure ??= fail(
      parser.line,
      `${error.message.replace(/^\d+:\d+: /, '')} (${options.what} must be well-formed XML)`,
    );
  });
  parser.on('opentag', (tag) => {
    if (path.length === 0 && tag.name !== options.root) {
      failure ??= fail(
        parser.line,
        `the root element is <${tag.name}>, not <${options.root}>: is this ${options.what}?`,
      );
    }
    path.push(tag.name);
    const inner = open.at(-1);
    const around = rels.at(-1) ?? '';
    const rel = around ? `${around}/${tag.name}` : tag.name;
    if (inner) {
      for (const [name, value] of Object.entries(tag.attributes)) {
        const key = `${rel}@${name}`;
        if (options.wanted.has(key)) inner.record.fields.set(key, String(value));
      }
    }
    const starts = options.isRecord(path);
    rels.push(starts ? '' : rel);
    if (starts) {
      open.push({
        depth: path.length - 1,
        record: {
          name: tag.name,
          line: parser.line,
          attrs: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)])),
          fields: new Map(),
          outer: inner?.record ?? null,
        },
      });
    }
  });
  const text = (chunk: string) => {
    const inner = open.at(-1);
    if (!inner) return;
    const rel = rels.at(-1)!;
    if (!options.wanted.has(rel)) return;
    inner.record.fields.set(rel, (inner.record.fields.get(rel) ?? '') + chunk);
  };
  parser.on('text', text);
  parser.on('cdata', text);
  parser.on('closetag', () => {
    const inner = open.at(-1);
    if (inner && inner.depth === path.length - 1) {
      open.pop();
      done.push(inner.record);
    }
    path.pop();
    rels.pop();
  });

  const drain = async () => {
    if (failure) throw failure;
    for (const record of done.splice(0)) await options.onRecord(record);
  };

  // A UTF-8 character split between two chunks is decoded whole.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of input) {
    const buffer = chunk as Buffer;
    parser.write(decoder.write(buffer));
    await drain();
    options.onBytes?.(buffer.length);
  }
  parser.write(decoder.end());
  parser.close();
  await drain();
}
