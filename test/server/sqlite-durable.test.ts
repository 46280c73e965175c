import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Each fdatasync of the WAL waits until the test lets it finish: what a slow disk looks like.
const disk = vi.hoisted(() => ({ syncs: [] as (() => void)[], held: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open = async (...args: Parameters<typeof real.open>): Promise<FileHandle> => {
    const handle = await real.open(...args);
    const datasync = handle.datasync.bind(handle);
    handle.datasync = async () => {
      if (disk.held) await new Promise<void>((resolve) => disk.syncs.push(resolve));
      await datasync();
    };
    return handle;
  };
  return { ...real, open, default: { ...real, open } };
});

const { createDb, migrate } = await import('../../server/storage/db.ts');
const { ReadWriteSqliteDriver } = await import('../../server/storage/sqlite-driver.ts');
type Storage = Awaited<ReturnType<typeof createDb>>;

describe('SQLite commits wait for the disk off the event loop', () => {
  let dir: string;
  let storage: Storage;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pikir-durable-'));
    storage = createDb(join(dir, 'pikir.db'));
    await migrate(storage.db);
    disk.held = true;
  });
  afterEach(async () => {
    disk.held = false;
    for (const release of disk.syncs.splice(0)) release();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const addUser = (id: string) =>
    storage.db.insertInto('users').values({ id, display_name: id, created_at: 1 }).execute();
  const turns = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  it('acknowledges a transaction only after the WAL is synced, while reads and writes go on', async () => {
    let acked = false;
    const first = storage.db
      .transaction()
      .execute((tx) => tx.insertInto('users').values({ id: 'a', display_name: 'A', created_at: 1 }).execute())
      .then(() => {
        acked = true;
      });
    await turns(5);
    expect(disk.syncs).toHaveLength(1);
    expect(acked).toBe(false);
    // The event loop is free: a read answers (the commit is visible, not yet acknowledged)...
    expect(await storage.db.selectFrom('users').select('id').execute()).toEqual([{ id: 'a' }]);
    // ...and a second write commits meanwhile; it needs a sync that starts after it.
    let secondAcked = false;
    const second = addUser('b').then(() => {
      secondAcked = true;
    });
    await turns(5);
    expect(secondAcked).toBe(false);
    disk.syncs.shift()!();
    await first;
    expect(acked).toBe(true);
    await turns(5);
    expect(secondAcked).toBe(false);
    expect(disk.syncs).toHaveLength(1);
    disk.syncs.shift()!();
    await second;
    expect(secondAcked).toBe(true);
  });

  it('acknowledges a write with RETURNING of its own only after the WAL is synced, as any write', async () => {
    let acked = false;
    const write = storage.db
      .insertInto('users')
      .values({ id: 'r', display_name: 'R', created_at: 1 })
      .returning('id')
      .execute()
      .then((rows) => {
        acked = true;
        return rows;
      });
    await turns(5);
    expect(disk.syncs).toHaveLength(1);
    expect(acked).toBe(false);
    disk.syncs.shift()!();
    expect(await write).toEqual([{ id: 'r' }]);
  });

  it('closes after a transaction still running, which commits', async () => {
    disk.held = false;
    let finish!: () => void;
    const running = storage.db.transaction().execute(async (tx) => {
      await tx.insertInto('users').values({ id: 'late', display_name: 'L', created_at: 1 }).execute();
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
    });
    await turns(5);
    const closed = storage.close();
    await turns(5);
    finish();
    await expect(running).resolves.toBeUndefined();
    await expect(closed).resolves.toBeUndefined();
    storage = createDb(join(dir, 'pikir.db'));
    expect(await storage.db.selectFrom('users').select('id').execute()).toEqual([{ id: 'late' }]);
  });

  it('lets one sync acknowledge every commit made while the previous one ran', async () => {
    const firstWrite = addUser('first');
    await turns(5);
    expect(disk.syncs).toHaveLength(1);
    const later = Array.from({ length: 10 }, (_, i) => addUser(`u${i}`));
    await turns(10);
    disk.syncs.shift()!();
    await firstWrite;
    await turns(5);
    expect(disk.syncs).toHaveLength(1);
    disk.syncs.shift()!();
    await Promise.all(later);
    expect(disk.syncs).toHaveLength(0);
    expect(await storage.db.selectFrom('users').select('id').execute()).toHaveLength(11);
  });
});

// A process of its own, started as `npm start` starts the server (the tsx command): inside vitest,
// or under `node --import tsx`, something else keeps the event loop alive.
describe('closing a SQLite database in a file', { timeout: 60_000 }, () => {
  const dir = eachTempDir('pikir-closing-');

  /** Runs `then` in a process of its own after 600 commits (past the 500 after which a checkpoint runs). */
  function afterCheckpoints(file: string, then: string) {
    const commits = `for (let i = 0; i < 600; i++) {
        await storage.db.insertInto('users').values({ id: 'u' + i, display_name: 'u', created_at: 1 }).execute();
      }`;
    return runAlone(dir(), file, `${commits}\n${then}`, 'tsx');
  }

  it('keeps the process alive until the database is closed, after checkpoints have run', async () => {
    const file = join(dir(), 'pikir.db');
    const { code, stdout } = await afterCheckpoints(file, "await storage.close(); console.log('closed');");
    expect(stdout).toContain('closed');
    expect(code).toBe(0);
    // Closing the last connection checkpointed the WAL into the database and removed it.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('does not keep a process alive by its checkpoint worker', async () => {
    const { code, stdout } = await afterCheckpoints(join(dir(), 'pikir.db'), "console.log('left open');");
    expect(stdout).toContain('left open');
    // Killed at the timeout otherwise (exit code null).
    expect(code).toBe(0);
  });
});

describe('a checkpoint worker that fails', () => {
  const dir = eachTempDir('pikir-checkpoint-');

  it('while a transaction is open: the writer syncs by itself from its next commit on', async () => {
    const file = join(dir(), 'pikir.db');
    const writer = new SqliteDatabase(file);
    writer.pragma('journal_mode = WAL');
    const reader = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    const driver = new ReadWriteSqliteDriver(writer, reader, file);
    const db = new Kysely<{ t: { n: number } }>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => driver,
        createIntrospector: (k) => new SqliteIntrospector(k),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
    try {
      await sql`create table t (n integer)`.execute(db);
      // 600 commits: past the 500 after which the worker runs its first checkpoint.
      for (let n = 0; n < 600; n++) await db.insertInto('t').values({ n }).execute();
      // A fault injected from outside: the worker is the driver's own.
      const worker = (driver as unknown as { wal: { checkpointer: { worker: Worker | null } } }).wal
        .checkpointer.worker;
      expect(worker).not.toBeNull();
      expect(writer.pragma('synchronous', { simple: true })).toBe(0);

      await db.transaction().execute(async (tx) => {
        await tx.insertInto('t').values({ n: -1 }).execute();
        // SQLite refuses to change the safety level inside this transaction: nothing may throw.
        worker!.emit('error', new Error('disk full'));
      });
      expect(await db.selectFrom('t').select('n').where('n', '=', -1).execute()).toEqual([{ n: -1 }]);
      expect(writer.pragma('synchronous', { simple: true })).toBe(2);
      expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await db.destroy();
    }
  });
});

// A process of its own: the driver ends it.
describe('a WAL that cannot be synced to disk', { timeout: 60_000 }, () => {
  const dir = eachTempDir('pikir-failed-sync-');

  it('ends the process at once: nothing more acknowledged, nothing checkpointed or closed', async () => {
    const file = join(dir(), 'pikir.db');
    const body = `const insert = (id) => storage.db.insertInto('users').values({ id, display_name: id, created_at: 1 }).execute();
      for (let i = 0; i < 20; i++) await insert('u' + i);
      console.log('acknowledged 20');
      // From here on every fdatasync fails, as on a failing disk.
      const { open } = await import('node:fs/promises');
      const probe = await open(${JSON.stringify(file)}, 'r');
      Object.getPrototypeOf(probe).datasync = async () => {
        throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
      };
      await probe.close();
      await insert('late').then(() => console.log('acknowledged late'), (e) => console.log('refused late', e.code));
      console.log('went on');`;
    // As systemd runs it (docs/operations.md): the tsx command would stand between, as a parent.
    const run = await runAlone(dir(), file, body, 'node');
    expect(run.stdout).toContain('acknowledged 20');
    expect(run.stdout).not.toMatch(/late|went on/);
    expect(run.stderr).toMatch(/the WAL of .*pikir\.db could not be synced to disk \(EIO/);
    expect(run.signal).toBe('SIGKILL');
    // Not closed: closing the last connection would have checkpointed the WAL and removed it.
    expect(existsSync(`${file}-wal`)).toBe(true);
    // Started again, SQLite recovers from what is on disk: every acknowledged write is there.
    const reopened = new SqliteDatabase(file);
    try {
      expect(reopened.pragma('quick_check', { simple: true })).toBe('ok');
      const ids = reopened.prepare('select id from users').pluck().all() as string[];
      expect(ids).toEqual(expect.arrayContaining(Array.from({ length: 20 }, (_, i) => `u${i}`)));
    } finally {
      reopened.close();
    }
  });
});

/** A new directory for each test of the enclosing block, removed after it. */
function eachTempDir(prefix: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/**
 * `body` in a process of its own, after `storage` is opened on `file` and migrated. Started as
 * `npm start` starts the server (the tsx command, `tsx`), or as systemd does (`node --import tsx`).
 */
function runAlone(dir: string, file: string, body: string, start: 'tsx' | 'node') {
  const dbModule = fileURLToPath(new URL('../../server/storage/db.ts', import.meta.url));
  const script = join(dir, 'script.mjs');
  writeFileSync(
    script,
    `const { createDb, migrate } = await import(${JSON.stringify(dbModule)});
      const storage = createDb(${JSON.stringify(file)});
      await migrate(storage.db);
      ${body}`,
  );
  const args =
    start === 'tsx'
      ? [createRequire(import.meta.url).resolve('tsx/cli'), script]
      : ['--import', 'tsx', script];
  return new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => {
      const child = execFile(process.execPath, args, { timeout: 30_000 }, (_error, stdout, stderr) =>
        resolve({ code: child.exitCode, signal: child.signalCode, stdout, stderr }),
      );
    },
  );
}
