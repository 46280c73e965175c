/**
 * SQLite when the disk fails the server: a full disk is logged as itself and answered 503 JSON; a
 * damaged file stops the start with a clear message; the online backup is consistent while the
 * server writes, and a restored copy reads back.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.ts';
import { randomId } from '../../server/ids.ts';
import { insertComment } from '../../server/storage/comments.ts';
import { createDb, openDatabase, StorageStartError } from '../../server/storage/db.ts';
import { isStorageFault } from '../../server/storage/faults.ts';
import { createSite } from '../../server/storage/sites.ts';
import { signedIn, widget } from '../helpers/api.ts';
import { spawnServer } from '../helpers/child-server.ts';
import { seedUser } from '../helpers/seed.ts';
import { errorOf, testApp } from '../helpers/test-app.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const page = { siteId: 'news', pageKey: 'a', title: 'Article', url: 'https://news.example.kz/a' };

// Two tests start processes of their own (the server, the CLI): seconds on a busy machine.
describe('SQLite faults', { timeout: 60_000 }, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pikir-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a full disk 503 storage_unavailable and logs the real error, not a failed rollback', async () => {
    const storage = await openDatabase(join(dir, 'full.db'));
    try {
      const t = await testApp(storage);
      const readers = [];
      for (let i = 0; i < 20; i++) readers.push(await signedIn(t, `Reader ${i}`));
      // The file may not grow by a single page any more: what a full disk does to SQLite.
      const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(storage.db);
      await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(storage.db);
      let response = new Response();
      for (const [i, reader] of readers.entries()) {
        response = await widget(t).post(reader, { text: `${i} ${'Ж'.repeat(1990)}` }, `192.0.2.${i}`);
        if (response.status !== 201) break;
      }
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect((await errorOf(response)).code).toBe('storage_unavailable');
      const logged = t.logs.join('\n');
      expect(logged).toMatch(/storage unavailable: database or disk is full \(SQLITE_FULL\)/);
      expect(logged).not.toMatch(/cannot rollback/);
      // Reading still works, and so does writing once there is room again.
      expect((await widget(t).thread()).response.status).toBe(200);
      await sql.raw('pragma max_page_count = 1073741823').execute(storage.db);
      expect((await widget(t).post(readers[19]!, { text: 'Room again' }, '192.0.2.99')).status).toBe(201);
    } finally {
      await storage.close();
    }
  });

  it('takes I/O errors, a damaged file and a lock past the busy timeout for storage faults, not bugs', async () => {
    const { SqliteError } = (await import('better-sqlite3')).default;
    for (const code of [
      'SQLITE_IOERR_WRITE',
      'SQLITE_IOERR_FSYNC',
      'SQLITE_FULL',
      'SQLITE_CORRUPT',
      'SQLITE_BUSY',
    ]) {
      expect(isStorageFault(new SqliteError('disk trouble', code))).toBe(true);
    }
    expect(
      isStorageFault(new SqliteError('FOREIGN KEY constraint failed', 'SQLITE_CONSTRAINT_FOREIGNKEY')),
    ).toBe(false);
    expect(isStorageFault(new TypeError('undefined is not a function'))).toBe(false);
  });

  it('answers /readyz 503 when the database does not answer', async () => {
    const storage = await openDatabase(join(dir, 'gone.db'));
    const t = await testApp(storage);
    expect((await t.app.request('/readyz')).status).toBe(200);
    await storage.close();
    const response = await t.app.request('/readyz');
    expect(response.status).toBe(503);
    expect((await errorOf(response)).code).toBe('storage_unavailable');
  });

  it('refuses to start on a damaged file, saying so and what to do', async () => {
    const file = join(dir, 'pikir.db');
    const storage = await openDatabase(file);
    await createSite(storage.db, { id: 'news', name: 'News', origins: ['https://news.example.kz'] }, 0);
    const author = await seedUser(storage.db);
    for (let i = 0; i < 200; i++) {
      await insertComment(
        storage.db,
        { id: randomId(), page, parentId: null, authorId: author, text: `c${i}` },
        i,
      );
    }
    await storage.close();
    // Garbage over the middle of the file, as a failing disk leaves it; the header stays.
    const pages = statSync(file).size / 4096;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 2, 0x5a), 0, 4096 * 2, 4096 * Math.floor(pages / 2));
    rmSync(`${file}-wal`, { force: true });

    await expect(openDatabase(file)).rejects.toThrow(StorageStartError);
    await expect(openDatabase(file)).rejects.toThrow(
      /is damaged \(PRAGMA quick_check: .+\); stop here and restore/,
    );

    const server = spawnServer(18130, { DATABASE_URL: file });
    expect(await server.exited).toBe(1);
    expect(server.lines.join('\n')).toMatch(/Pikir cannot start: the SQLite database .* is damaged/);
  });

  it('backs up while the server writes; the restored copy opens and reads', async () => {
    const file = join(dir, 'live.db');
    const live = await openDatabase(file);
    await createSite(live.db, { id: 'news', name: 'News', origins: ['https://news.example.kz'] }, 0);
    const author = await seedUser(live.db);
    const write = (i: number) =>
      insertComment(live.db, { id: `c${i}`, page, parentId: null, authorId: author, text: `c${i}` }, i);
    for (let i = 0; i < 300; i++) await write(i);
    let writing = true;
    let written = 300;
    const writer = (async () => {
      // Yield to the event loop between writes, as a server between requests does.
      while (writing) {
        await write(written++);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const backupFile = join(dir, 'backup.db');
    try {
      // The CLI as an operator runs it, in a process of its own, beside the writing server.
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'server/cli.ts', 'backup', backupFile],
        {
          cwd: root,
          env: { PATH: process.env.PATH ?? '', DATABASE_URL: file },
        },
      );
      expect(stdout).toMatch(/^backed up to .*backup\.db \(\d+ bytes, quick_check ok\)/);
    } finally {
      writing = false;
      await writer;
    }
    const atEnd = written;
    await live.close();

    // Restore: the copy becomes the database file of a stopped server.
    const restored = join(dir, 'restored.db');
    copyFileSync(backupFile, restored);
    const storage = await openDatabase(restored);
    try {
      const rows = await storage.db.selectFrom('comments').select('id').execute();
      expect(rows.length).toBeGreaterThanOrEqual(300);
      expect(rows.length).toBeLessThanOrEqual(atEnd);
      // Consistent: exactly the first N comments, no gap, and the page's count agrees.
      const ids = new Set(rows.map((r) => r.id));
      for (let i = 0; i < rows.length; i++) expect(ids.has(`c${i}`)).toBe(true);
      const pageRow = await storage.db.selectFrom('pages').select('comment_count').executeTakeFirstOrThrow();
      expect(Number(pageRow.comment_count)).toBe(rows.length);
    } finally {
      await storage.close();
    }
  });

  it('says to use pg_dump on PostgreSQL, and never overwrites a file', async () => {
    const out: string[] = [];
    const storage = createDb(':memory:');
    try {
      await expect(
        runCli(['backup', join(dir, 'x.dump')], {
          db: storage.db,
          now: 0,
          out: (l) => out.push(l),
          secret: Buffer.alloc(32),
          storage: { engine: 'postgres' },
        }),
      ).rejects.toThrow(/back it up with pg_dump/);
      const existing = join(dir, 'exists.db');
      copyFileSync(fileURLToPath(import.meta.url), existing);
      await expect(
        runCli(['backup', existing], {
          db: storage.db,
          now: 0,
          out: (l) => out.push(l),
          secret: Buffer.alloc(32),
          storage,
        }),
      ).rejects.toThrow(/already exists/);
      expect(out).toEqual([]);
    } finally {
      await storage.close();
    }
  });
});
