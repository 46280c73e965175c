import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Storage } from '../../server/storage/db.ts';
import { getPageState, upsertPage } from '../../server/storage/pages.ts';
import { createSite } from '../../server/storage/sites.ts';
import { openPostgresInstances } from '../helpers/engines.ts';

const page = (pageKey: string) => ({
  siteId: 'news',
  pageKey,
  title: pageKey,
  url: 'https://news.example.kz/',
});
/** A statement goes to pg as its text, or as a named (prepared) statement with its text. */
const textOf = (query: unknown) =>
  typeof query === 'string' ? query : ((query as { text?: string } | null)?.text ?? '');
const isBatch = (query: unknown) => textOf(query).includes('unnest(');

describe.skipIf(!process.env.TEST_DATABASE_URL)('page states read together on PostgreSQL', () => {
  let instances: Storage[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    await instances[0]?.close();
    instances = [];
  });

  async function open() {
    instances = (await openPostgresInstances(2))!;
    const [a, b] = instances as [Storage, Storage];
    await createSite(a.db, { id: 'news', name: 'News', origins: ['https://news.example.kz'] }, 1);
    for (const key of ['p1', 'p2', 'p3']) await upsertPage(a.db, page(key), 1, 1);
    return { a, b };
  }

  it('answers many concurrent reads with a few statements, each with its own page', async () => {
    const { a } = await open();
    const query = vi.spyOn(pg.Client.prototype, 'query');
    const keys = Array.from({ length: 60 }, (_, i) => ['p1', 'p2', 'p3', 'none'][i % 4]!);
    const states = await Promise.all(keys.map((key) => getPageState(a.db, 'news', key)));
    expect(states.map((s) => s.total)).toEqual(keys.map((key) => (key === 'none' ? 0 : 1)));
    expect(states.map((s) => s.version)).toEqual(keys.map((key) => (key === 'none' ? 0 : 1)));
    const batches = query.mock.calls.filter(([text]) => isBatch(text)).length;
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThanOrEqual(6);
  });

  it('never answers a read with a statement that was already running when it was asked', async () => {
    const { a, b } = await open();
    // The statements running now hold their answers back until the write below has committed.
    const gates: (() => void)[] = [];
    const real = pg.Client.prototype.query;
    vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const result = (real as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      if (!isBatch(args[0]) || gates.length >= 3) return result as never;
      return result.then((r) => new Promise((resolve) => gates.push(() => resolve(r)))) as never;
    });
    const early = ['p1', 'p2', 'p3'].map((key) => getPageState(a.db, 'news', key));
    await vi.waitFor(() => expect(gates).toHaveLength(3));
    // Another instance posts; then this one is asked while all its statements are still out.
    await upsertPage(b.db, page('p1'), 2, 1);
    const late = getPageState(a.db, 'news', 'p1');
    for (const release of gates) release();
    expect((await early[0]!).version).toBe(1);
    expect(await late).toMatchObject({ version: 2, total: 2 });
  });

  it('fails only the read whose page the statement cannot take, not those batched with it', async () => {
    const { a } = await open();
    // Three statements run; the reads asked meanwhile wait for the next, which holds a key with a
    // NUL (PostgreSQL's text cannot hold one; the API refuses it, storage is the last line).
    const running = ['p1', 'p2', 'p3'].map((key) => getPageState(a.db, 'news', key));
    const bad = getPageState(a.db, 'news', 'x\u0000y').then(
      () => null,
      (error: unknown) => error,
    );
    const batched = ['p1', 'p2', 'none'].map((key) => getPageState(a.db, 'news', key));
    await Promise.all(running);
    expect(await bad).toMatchObject({ code: '22021' });
    expect((await Promise.all(batched)).map((s) => s.version)).toEqual([1, 1, 0]);
  });
});
