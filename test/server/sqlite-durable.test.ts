import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pikir-closing-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the process alive until the database is closed, after checkpoints have run', async () => {
    const file = join(dir, 'pikir.db');
    const dbModule = fileURLToPath(new URL('../../server/storage/db.ts', import.meta.url));
    // 600 commits: past the 500 after which a checkpoint runs in its worker thread.
    const script = join(dir, 'close.mjs');
    writeFileSync(
      script,
      `const { createDb, migrate } = await import(${JSON.stringify(dbModule)});
      const storage = createDb(${JSON.stringify(file)});
      await migrate(storage.db);
      for (let i = 0; i < 600; i++) {
        await storage.db.insertInto('users').values({ id: 'u' + i, display_name: 'u', created_at: 1 }).execute();
      }
      await storage.close();
      console.log('closed');`,
    );
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, [tsx, script], (_error, out) =>
        resolve({ code: child.exitCode, stdout: out }),
      );
    });
    expect(stdout).toContain('closed');
    expect(code).toBe(0);
    // Closing the last connection checkpointed the WAL into the database and removed it.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
