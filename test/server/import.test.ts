import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type KyselyPlugin, UpdateQueryNode } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { disqusExport, writeDisqusExport } from '../../bench/disqus-export.ts';
import { CliError, runCli } from '../../server/cli.ts';
import { importPikir } from '../../server/import/pikir-export.ts';
import type { ImportSink } from '../../server/import/sink.ts';
import { getComment, getPageTotal, listThread } from '../../server/storage/comments.ts';
import type { Storage } from '../../server/storage/db.ts';
import { countVisible, getPage, getPageState } from '../../server/storage/pages.ts';
import { createSite, getSite } from '../../server/storage/sites.ts';
import { engines } from '../helpers/engines.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const SECRET = Buffer.alloc(32, 7);
const dir = mkdtempSync(join(tmpdir(), 'pikir-import-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(engines)('site privacy settings from the command line on $engine', ({ open }) => {
  let storage: Storage;
  let out: string[];
  beforeEach(async () => {
    storage = await open();
    out = [];
    await createSite(storage.db, { id: 'news', name: 'news', origins: ['https://news.example.kz'] }, 1);
  });
  afterEach(() => storage.close());
  const cli = (...args: string[]) =>
    runCli(args, { db: storage.db, now: 1, out: (line) => out.push(line), secret: SECRET });

  it('sets the privacy policy and what erased accounts’ comments become, and refuses bad values', async () => {
    await cli('site', 'privacy', 'news', '--policy', 'https://news.example.kz/privacy');
    await cli('site', 'privacy', 'news', '--deleted-comments', 'remove');
    expect(out).toEqual([
      'site "news": privacy policy https://news.example.kz/privacy, erased accounts\' comments anonymised',
      'site "news": privacy policy https://news.example.kz/privacy, erased accounts\' comments removed',
    ]);
    expect((await getSite(storage.db, 'news'))!.settings).toMatchObject({
      privacyPolicyUrl: 'https://news.example.kz/privacy',
      deletedAuthorComments: 'remove',
    });
    await cli('site', 'privacy', 'news', '--policy', 'none');
    expect((await getSite(storage.db, 'news'))!.settings.privacyPolicyUrl).toBeNull();
    await expect(cli('site', 'privacy', 'news', '--policy', 'javascript:alert(1)')).rejects.toThrow(
      /--policy: /,
    );
    await expect(cli('site', 'privacy', 'news', '--deleted-comments', 'keep')).rejects.toThrow(
      /--deleted-comments: /,
    );
    await expect(cli('site', 'privacy', 'nope', '--policy', 'none')).rejects.toThrow('no site "nope"');
    await expect(cli('site', 'privacy', 'news')).rejects.toThrow(CliError);
  });
});

describe('a Pikir import that stops', () => {
  const head = '{"format": "pikir-export", "version": 1, "records": [\n';
  const comment =
    '{"type": "comment", "id": "c1", "page": "p", "author": {"key": "a", "name": "А"}, "text": "т", "status": "published", "createdAt": 1}';

  it('stops the import only once the record being written is written', async () => {
    const input = new PassThrough();
    const writes: string[] = [];
    let written!: () => void;
    const sink = {
      page: async () => {},
      comment: async (comment: { sourceId: string }) => {
        writes.push(`${comment.sourceId} started`);
        await new Promise<void>((resolve) => {
          written = resolve;
        });
        writes.push(`${comment.sourceId} written`);
      },
    } as unknown as ImportSink;
    let settled = false;
    const run = importPikir(input, sink, {}).finally(() => {
      settled = true;
    });
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise((resolve) => setImmediate(resolve));
    };
    input.write(head);
    input.write(`${comment},\n`);
    await until(() => writes.length === 1);
    input.end('{"type": oops}\n]}\n');
    // The parser has failed and the pipeline has torn the input down; the write goes on.
    await until(() => input.destroyed);
    expect(settled).toBe(false);
    written();
    await expect(run).rejects.toThrow(/not valid JSON after record 1/);
    expect(writes).toEqual(['c1 started', 'c1 written']);
  });

  it('says a failed write is the storage’s, not the file’s', async () => {
    const lost = new Error('SQLITE_FULL: database or disk is full');
    const sink = {
      page: async () => {},
      comment: async () => {
        throw lost;
      },
    } as unknown as ImportSink;
    const input = PassThrough.from([head, `${comment}\n]}\n`]);
    await expect(importPikir(input, sink, {})).rejects.toBe(lost);
  });
});

describe.each(engines)('import and export on $engine', ({ open }) => {
  let storage: Storage;
  let out: string[];
  beforeEach(async () => {
    storage = await open();
    out = [];
    for (const id of ['news', 'copy']) {
      await createSite(storage.db, { id, name: id, origins: [`https://${id}.example.kz`] }, 1);
    }
  });
  afterEach(() => storage.close());

  const cli = (...args: string[]) =>
    runCli(args, {
      db: storage.db,
      now: Date.UTC(2026, 0, 1),
      out: (line) => out.push(line),
      secret: SECRET,
    });
  /** What an import stopped by a broken file says it kept. */
  const keptBy = async (run: Promise<unknown>) =>
    Number(/kept: (\d+) comments added/.exec(String(await run.catch((e: Error) => e.message)))![1]);
  const commentCount = async (column: 'site_id' | 'import_source_id', op: '=' | 'like', value: string) =>
    Number(
      (
        await storage.db
          .selectFrom('comments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(column, op, value)
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Each generated page's count is what a whole import counts. */
  const expectRecounted = async (site: string) => {
    for (const t of [1, 2, 3]) {
      const page = `https://news.example.kz/news/${t}`;
      expect(await getPageTotal(storage.db, site, page)).toBe(await countVisible(storage.db, site, page));
    }
  };
  const thread = (site: string, pageKey: string) =>
    listThread(storage.db, { siteId: site, pageKey, limit: 20 }).then((t) => t.comments);
  const sourceIds = async (site: string) =>
    (
      await storage.db
        .selectFrom('comments')
        .select(['id', 'import_source_id', 'parent_id', 'author_id', 'status', 'text'])
        .where('site_id', '=', site)
        .execute()
    ).reduce<
      Record<
        string,
        { id: string; parent_id: string | null; author_id: string; status: string; text: string }
      >
    >((all, row) => Object.assign(all, { [row.import_source_id ?? row.id]: row }), {});

  it('imports a Disqus export: threads, replies under their top comment, guest authors, placeholders', async () => {
    await cli('import', 'disqus', fixture('disqus-small.xml'), '--site', 'news');
    expect(out).toEqual([
      `imported ${fixture('disqus-small.xml')} into "news": 5 comments added, 0 already there, 2 new pages; left out: 1 spam, 1 deleted thread`,
    ]);
    expect(await getPage(storage.db, 'news', 'https://news.example.kz/news/1')).toEqual({
      title: 'Курс тенге & нефть',
      url: 'https://news.example.kz/news/1',
    });
    expect(await getPage(storage.db, 'news', 'https://news.example.kz/news/2')).toBeDefined();
    expect(await getPage(storage.db, 'news', 'https://news.example.kz/news/3')).toBeUndefined();

    const comments = await thread('news', 'https://news.example.kz/news/1');
    // Newest top-level first: the deleted one stays as a placeholder above its reply.
    expect(
      comments.map((c) => [c.author.name, c.text, c.replies.map((r) => [r.author.name, r.text])]),
    ).toEqual([
      ['', '', [['Бота', 'Ответ под удалённым']]],
      [
        'Асель',
        'Первый!\nВторая строка <3 ссылка (https://example.kz/a)',
        [
          ['Бота', 'Согласна'],
          ['Айгерим', 'Ответ на ответ'],
        ],
      ],
    ]);
    expect(comments[1]!.createdAt).toBe(Date.UTC(2020, 2, 1, 10, 0));
    // The reply to a reply hangs under the top comment, as replies do in Pikir.
    const rows = await sourceIds('news');
    expect(rows['disqus:p3']!.parent_id).toBe(rows['disqus:p1']!.id);
    // One guest author per Disqus user: Асель's two comments share a row, with no contact.
    expect(rows['disqus:p5']!.author_id).toBe(rows['disqus:p1']!.author_id);
    const guest = await storage.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', rows['disqus:p1']!.author_id)
      .executeTakeFirstOrThrow();
    expect([guest.display_name, guest.email, guest.phone, guest.password_hash]).toEqual([
      'Асель',
      null,
      null,
      null,
    ]);
    // Moderators see the guest's name too.
    expect((await getComment(storage.db, rows['disqus:p2']!.id))!.author.name).toBe('Бота');
    expect(rows['disqus:p5']).toMatchObject({ status: 'deleted', text: '' });
    // What readers can see: p1, its two replies, and the reply under the placeholder.
    expect(await getPageTotal(storage.db, 'news', 'https://news.example.kz/news/1')).toBe(4);
  });

  it('adds nothing when the same export is imported again', async () => {
    await cli('import', 'disqus', fixture('disqus-small.xml'), '--site', 'news');
    const before = await sourceIds('news');
    await cli('import', 'disqus', fixture('disqus-small.xml'), '--site', 'news');
    expect(out[1]).toContain('0 comments added, 5 already there, 0 new pages');
    expect(await sourceIds('news')).toEqual(before);
    const users = await storage.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(users.n)).toBe(3);
    expect(await getPageTotal(storage.db, 'news', 'https://news.example.kz/news/1')).toBe(4);
  });

  it('keys pages by the Disqus identifier when asked', async () => {
    await cli('import', 'disqus', fixture('disqus-small.xml'), '--site', 'news', '--page-key', 'id');
    expect(await getPageTotal(storage.db, 'news', 'article-1')).toBe(4);
  });

  it('names the line of malformed XML', async () => {
    const run = cli('import', 'disqus', fixture('disqus-malformed.xml'), '--site', 'news');
    await expect(run).rejects.toThrow(CliError);
    await expect(run).rejects.toThrow(/disqus-malformed\.xml: line 12: unexpected close tag/);
  });

  it('finishes what it wrote before a broken part of the file, and a run of the fixed file adds the rest', async () => {
    const whole = [...disqusExport({ threads: 3, posts: 700, seed: 5 })].join('');
    // Broken after the 600th post: the first batch (500) is written before the parser stops.
    const cut = whole.split('</post>\n');
    const broken = `${cut.slice(0, 600).join('</post>\n')}</post>\n<post></pots>\n</disqus>\n`;
    const file = join(dir, `broken-${Math.random()}.xml`);
    writeFileSync(file, broken);
    const live = 'https://news.example.kz/news/1';
    await cli('import', 'disqus', fixture('disqus-small.xml'), '--site', 'news');
    const before = await getPageState(storage.db, 'news', live);

    const run = cli('import', 'disqus', file, '--site', 'news');
    await expect(run).rejects.toThrow(
      /line \d+: unexpected close tag.*\nwritten before it, and kept: \d+ comments added/,
    );
    const added = await keptBy(run);
    expect(await commentCount('import_source_id', 'like', 'disqus:1%')).toBe(added);
    expect(added).toBeGreaterThan(500);
    // Each page touched is counted as a whole import counts it, and the live one is a new version.
    await expectRecounted('news');
    const after = await getPageState(storage.db, 'news', live);
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.total).toBeGreaterThan(before.total);
    const unlinked = await storage.db
      .selectFrom('comments')
      .select('id')
      .where('import_parent_id', 'is not', null)
      .execute();
    expect(unlinked).toEqual([]);

    const fixed = join(dir, `fixed-${Math.random()}.xml`);
    writeFileSync(fixed, whole);
    await cli('import', 'disqus', fixed, '--site', 'news');
    expect(out.at(-1)).toContain(`already there`);
    const all = await commentCount('import_source_id', 'like', 'disqus:1%');
    expect(out.at(-1)).toContain(`${all - added} comments added, ${added} already there`);
  });

  it('finishes what a Pikir import wrote before the file broke, as a whole import does', async () => {
    const source = join(dir, `source-${Math.random()}.xml`);
    await writeDisqusExport(createWriteStream(source), { threads: 3, posts: 700, seed: 5 });
    await cli('import', 'disqus', source, '--site', 'news');
    const exported = join(dir, `export-${Math.random()}.json`);
    await cli('export', '--site', 'news', exported);
    // The header, the 3 pages and 520 comments: the parser, ahead of the writes, meets the break
    // about when the first batch (500) is on its way to the database.
    const lines = readFileSync(exported, 'utf8').split('\n');
    const broken = join(dir, `broken-${Math.random()}.json`);
    writeFileSync(broken, `${lines.slice(0, 1 + 3 + 520).join('\n')}\n{"type": oops}\n]}\n`);

    const run = cli('import', 'pikir', broken, '--site', 'copy');
    await expect(run).rejects.toThrow(
      /not valid JSON after record \d+: .*\nwritten before it, and kept: \d+ /,
    );
    const kept = await keptBy(run);
    expect(await commentCount('site_id', '=', 'copy')).toBe(kept);
    await expectRecounted('copy');
    // A reply waits for its parent only when the parent is not in yet (beyond the break).
    const waiting = await storage.db
      .selectFrom('comments as c')
      .innerJoin('comments as p', (join) =>
        join.onRef('p.site_id', '=', 'c.site_id').onRef('p.import_source_id', '=', 'c.import_parent_id'),
      )
      .select('c.id')
      .execute();
    expect(waiting).toEqual([]);
  });

  it('refuses a file of another format, an unknown site and a missing file', async () => {
    await expect(cli('import', 'disqus', fixture('wordpress-small.xml'), '--site', 'news')).rejects.toThrow(
      /line \d+: the root element is <rss>, not <disqus>/,
    );
    await expect(cli('import', 'disqus', fixture('disqus-small.xml'), '--site', 'nope')).rejects.toThrow(
      'no site "nope"',
    );
    await expect(cli('import', 'disqus', join(dir, 'missing.xml'), '--site', 'news')).rejects.toThrow(
      /cannot read .*ENOENT/,
    );
    await expect(cli('import', 'disqus', fixture('disqus-small.xml'))).rejects.toThrow(/--site ID/);
  });

  it('imports a WordPress export: approved, pending withheld, spam and pingbacks left out', async () => {
    await cli('import', 'wordpress', fixture('wordpress-small.xml'), '--site', 'news');
    expect(out[0]).toContain('3 comments added, 0 already there, 1 new pages; left out: 1 spam, 1 pingback');
    const key = 'https://news.example.kz/2020/03/kurs/';
    expect(await getPage(storage.db, 'news', key)).toEqual({ title: 'Курс тенге', url: key });
    const comments = await thread('news', key);
    expect(
      comments.map((c) => [c.author.name, c.text, c.createdAt, c.replies.map((r) => r.author.name)]),
    ).toEqual([['Асель', 'Первая строка\nВторая строка', Date.UTC(2020, 2, 1, 10, 0), ['Бота']]]);
    expect((await sourceIds('news'))['wordpress:3']!.status).toBe('hidden');
    expect(await getPageTotal(storage.db, 'news', key)).toBe(2);
    await cli('import', 'wordpress', fixture('wordpress-small.xml'), '--site', 'news');
    expect(out[1]).toContain('0 comments added, 3 already there');
  });

  it('exports a site as JSON that import pikir reads back into another site, once', async () => {
    await cli('import', 'disqus', fixture('disqus-small.xml'), '--site', 'news');
    const file = join(dir, `export-${Math.random()}.json`);
    await cli('export', '--site', 'news', file);
    expect(out[1]).toBe(`exported "news" to ${file}: 2 pages, 5 comments`);
    const document = JSON.parse(readFileSync(file, 'utf8'));
    expect(document).toMatchObject({ format: 'pikir-export', version: 1, site: 'news' });
    expect(JSON.stringify(document)).not.toContain('@mail.example.kz');

    await cli('import', 'pikir', file, '--site', 'copy');
    expect(out[2]).toContain('5 comments added, 0 already there, 2 new pages');
    const key = 'https://news.example.kz/news/1';
    const strip = (comments: Awaited<ReturnType<typeof thread>>) =>
      comments.map((c) => [
        c.author.name,
        c.text,
        c.createdAt,
        c.status,
        c.replies.map((r) => [r.author.name, r.text]),
      ]);
    expect(strip(await thread('copy', key))).toEqual(strip(await thread('news', key)));
    expect(await getPageTotal(storage.db, 'copy', key)).toBe(4);
    await cli('import', 'pikir', file, '--site', 'copy');
    expect(out[3]).toContain('0 comments added, 5 already there, 0 new pages');
  });

  it('adds nothing when a site’s export is read back into the same site', async () => {
    await cli('import', 'disqus', fixture('disqus-small.xml'), '--site', 'news');
    const file = join(dir, `export-${Math.random()}.json`);
    await cli('export', '--site', 'news', file);
    const before = await sourceIds('news');
    await cli('import', 'pikir', file, '--site', 'news');
    expect(out[2]).toContain('0 comments added, 5 already there, 0 new pages');
    expect(await sourceIds('news')).toEqual(before);
  });

  it('draws a progress bar on a terminal only', async () => {
    const drawn: string[] = [];
    const terminal = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 100,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    });
    terminal.on('data', (chunk: Buffer) => drawn.push(chunk.toString()));
    const deps = { db: storage.db, now: 1, out: (line: string) => out.push(line), secret: SECRET };
    await runCli(['import', 'disqus', fixture('disqus-small.xml'), '--site', 'news'], {
      ...deps,
      progress: terminal as unknown as NodeJS.WriteStream,
    });
    expect(drawn.join('')).toMatch(/importing \[.*\] 100% \| 0\.0 of 0\.0 MB/);
    const pipe = Object.assign(new PassThrough(), { isTTY: false });
    pipe.on('data', (chunk: Buffer) => drawn.push(`pipe:${chunk}`));
    await runCli(['import', 'disqus', fixture('disqus-small.xml'), '--site', 'news'], {
      ...deps,
      progress: pipe as unknown as NodeJS.WriteStream,
    });
    expect(drawn.filter((d) => d.startsWith('pipe:'))).toEqual([]);
  });

  it('makes top-level comments of posts whose parents form a ring, and links the rest', async () => {
    const post = (id: string, parentId: string | null) => ({
      type: 'comment',
      id,
      page: 'ring',
      parentId,
      author: { key: 'u1', name: 'Асель' },
      text: `Текст ${id}`,
      status: 'published',
      createdAt: 5,
    });
    const records = [
      ...[post('top', null), post('r1', 'top'), post('r2', 'r1'), post('r3', 'r2')],
      ...[
        post('self', 'self'),
        post('a', 'b'),
        post('b', 'a'),
        post('x', 'y'),
        post('y', 'z'),
        post('z', 'x'),
      ],
      // An answer to a post of a ring goes top-level with it; one to a post of its own keeps it.
      ...[post('to-ring', 'a'), post('to-self', 'self')],
    ];
    const file = join(dir, `ring-${Math.random()}.json`);
    writeFileSync(file, JSON.stringify({ format: 'pikir-export', version: 1, records }));
    // Lifting a ring never ended: counted, the old code fails here instead of hanging the worker.
    let updates = 0;
    const bounded: KyselyPlugin = {
      transformQuery: ({ node }) => {
        if (UpdateQueryNode.is(node) && ++updates > 500) throw new Error('the replies are lifted forever');
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    await runCli(['import', 'pikir', file, '--site', 'news'], {
      db: storage.db.withPlugin(bounded),
      now: Date.UTC(2026, 0, 1),
      out: (line) => out.push(line),
      secret: SECRET,
    });
    const rows = await sourceIds('news');
    const parentOf = (id: string) => rows[`pikir:${id}`]!.parent_id;
    expect(['r1', 'r2', 'r3'].map(parentOf)).toEqual(Array(3).fill(rows['pikir:top']!.id));
    expect(['top', 'self', 'a', 'b', 'x', 'y', 'z', 'to-ring'].map(parentOf)).toEqual(Array(8).fill(null));
    expect(parentOf('to-self')).toBe(rows['pikir:self']!.id);
    expect(await getPageTotal(storage.db, 'news', 'ring')).toBe(12);
    expect(await countVisible(storage.db, 'news', 'ring')).toBe(12);
  });

  it('gives a comment whose page the export does not describe a page of its own', async () => {
    const file = join(dir, `bare-${Math.random()}.json`);
    const comment = {
      type: 'comment',
      id: 'c1',
      page: 'lonely',
      parentId: null,
      text: 'Текст',
      status: 'published',
      createdAt: 5,
    };
    writeFileSync(
      file,
      JSON.stringify({
        format: 'pikir-export',
        version: 1,
        records: [{ ...comment, author: { key: 'u1', name: 'Асель' } }],
      }),
    );
    await cli('import', 'pikir', file, '--site', 'news');
    expect(await getPage(storage.db, 'news', 'lonely')).toEqual({ title: 'lonely', url: '' });
    expect(await getPageTotal(storage.db, 'news', 'lonely')).toBe(1);
  });

  it('refuses a JSON file that is not a Pikir export', async () => {
    const file = join(dir, `bad-${Math.random()}.json`);
    writeFileSync(file, '{"format": "other", "records": []}');
    await expect(cli('import', 'pikir', file, '--site', 'news')).rejects.toThrow(/not a Pikir export/);
  });

  it('imports a generated export with every comment but the spam, and a second run adds none', async () => {
    const file = join(dir, `generated-${Math.random()}.xml`);
    const facts = await writeDisqusExport(createWriteStream(file), { threads: 12, posts: 600, seed: 3 });
    expect(facts.replies).toBeGreaterThan(100);
    await cli('import', 'disqus', file, '--site', 'news');
    expect(out[0]).toContain(
      `${600 - facts.spam} comments added, 0 already there, 12 new pages; left out: ${facts.spam} spam`,
    );
    await cli('import', 'disqus', file, '--site', 'news');
    expect(out[1]).toContain(`0 comments added, ${600 - facts.spam} already there, 0 new pages`);
    // No reply hangs under a reply.
    const nested = await storage.db
      .selectFrom('comments as c')
      .innerJoin('comments as p', 'p.id', 'c.parent_id')
      .select('c.id')
      .where('p.parent_id', 'is not', null)
      .execute();
    expect(nested).toEqual([]);
  });
});
