import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDb, migrate, type Storage } from '../../server/storage/db.ts';
import {
  createSite,
  getCachedSite,
  removeSite,
  SITE_RECHECK_MS,
  updateSiteSettings,
} from '../../server/storage/sites.ts';
import { openPostgresInstances } from '../helpers/engines.ts';

/** A statement goes to pg as its text, or as a named (prepared) statement with its text. */
const textOf = (query: unknown) =>
  typeof query === 'string' ? query : ((query as { text?: string } | null)?.text ?? '');

describe('the in-memory site cache', () => {
  let dir: string;
  let here: Storage;
  let elsewhere: Storage;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pikir-sites-'));
    here = createDb(join(dir, 'pikir.db'));
    await migrate(here.db);
    // Another process on the same database file: the CLI, or a second instance.
    elsewhere = createDb(join(dir, 'pikir.db'));
    await createSite(here.db, { id: 'news', name: 'News', origins: ['https://news.example.kz'] }, 1);
  });
  afterEach(async () => {
    await here.close();
    await elsewhere.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the site from memory without reading its row again', async () => {
    const first = await getCachedSite(here.db, 'news', 1000);
    // A change that bypasses storage/sites.ts (and so its version) is not seen: no read happened.
    await here.db.updateTable('sites').set({ name: 'Bypassed' }).where('id', '=', 'news').execute();
    expect(await getCachedSite(here.db, 'news', 1500)).toBe(first);
    expect(first?.name).toBe('News');
  });

  it('sees its own process’s writes at once', async () => {
    await getCachedSite(here.db, 'news', 1000);
    await updateSiteSettings(here.db, 'news', { commentMaxLength: 10 });
    expect((await getCachedSite(here.db, 'news', 1001))?.settings.commentMaxLength).toBe(10);
  });

  it('sees another process’s write once the recheck time has passed', async () => {
    await getCachedSite(here.db, 'news', 1000);
    await updateSiteSettings(elsewhere.db, 'news', { commentMaxLength: 10 });
    expect(
      (await getCachedSite(here.db, 'news', 1000 + SITE_RECHECK_MS - 1))?.settings.commentMaxLength,
    ).toBe(5000);
    expect((await getCachedSite(here.db, 'news', 1000 + SITE_RECHECK_MS))?.settings.commentMaxLength).toBe(
      10,
    );
  });

  it('sees a site that another process removed and added again, though its version starts over', async () => {
    await getCachedSite(here.db, 'news', 1000);
    await removeSite(elsewhere.db, 'news');
    await createSite(elsewhere.db, { id: 'news', name: 'News', origins: ['https://new.example.kz'] }, 2);
    expect((await getCachedSite(here.db, 'news', 1000 + SITE_RECHECK_MS))?.origins).toEqual([
      'https://new.example.kz',
    ]);
  });

  it('keeps the copy when the version has not moved, and forgets unknown sites', async () => {
    const first = await getCachedSite(here.db, 'news', 1000);
    expect(await getCachedSite(here.db, 'news', 1000 + 5 * SITE_RECHECK_MS)).toBe(first);
    expect(await getCachedSite(here.db, 'missing', 1000)).toBeUndefined();
    await createSite(elsewhere.db, { id: 'missing', name: 'Late', origins: ['https://l.kz'] }, 2);
    expect((await getCachedSite(here.db, 'missing', 1001))?.name).toBe('Late');
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('the site cache on PostgreSQL', () => {
  let storage: Storage | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await storage?.close();
  });

  it('does not keep a row read before a write of its own process committed', async () => {
    [storage] = (await openPostgresInstances(1))!;
    const db = storage!.db;
    await createSite(db, { id: 'news', name: 'News', origins: ['https://news.example.kz'] }, 1);
    // The full read of the row is answered only after the write below has committed.
    let release!: () => void;
    let held = false;
    const real = pg.Client.prototype.query;
    vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const result = (real as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      if (held || !/^select \* from "sites"/.test(textOf(args[0]))) return result as never;
      held = true;
      return result.then((rows) => new Promise((resolve) => (release = () => resolve(rows)))) as never;
    });
    const reading = getCachedSite(db, 'news', 1000);
    await vi.waitFor(() => expect(held).toBe(true));
    await updateSiteSettings(db, 'news', { commentMaxLength: 10 });
    release();
    expect((await reading)?.settings.commentMaxLength).toBe(5000);
    expect((await getCachedSite(db, 'news', 1001))?.settings.commentMaxLength).toBe(10);
  });
});
