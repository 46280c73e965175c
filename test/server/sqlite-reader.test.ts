import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, migrate, type Storage } from '../../server/storage/db.ts';
import { createSite, getSite } from '../../server/storage/sites.ts';

describe('SQLite reads beside the writer', () => {
  let dir: string;
  let storage: Storage;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pikir-reader-'));
    storage = createDb(join(dir, 'pikir.db'));
    await migrate(storage.db);
    await createSite(storage.db, { id: 'news', name: 'News', origins: ['https://news.example.kz'] }, 1);
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a read while a write transaction is open, with the last commit', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inside!: () => void;
    const started = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const writing = storage.db.transaction().execute(async (tx) => {
      await tx.updateTable('sites').set({ name: 'Renamed' }).where('id', '=', 'news').execute();
      inside();
      await held;
    });
    await started;
    // The writer is mid-transaction: the read does not wait for it and sees the committed row.
    expect((await getSite(storage.db, 'news'))?.name).toBe('News');
    release();
    await writing;
    expect((await getSite(storage.db, 'news'))?.name).toBe('Renamed');
  });

  it('queues a write outside a transaction behind the open one', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writing = storage.db.transaction().execute(async (tx) => {
      await tx.updateTable('sites').set({ name: 'First' }).where('id', '=', 'news').execute();
      await held;
      order.push('transaction');
    });
    const single = storage.db
      .updateTable('sites')
      .set({ name: 'Second' })
      .where('id', '=', 'news')
      .execute()
      .then(() => order.push('single'));
    release();
    await Promise.all([writing, single]);
    expect(order).toEqual(['transaction', 'single']);
    expect((await getSite(storage.db, 'news'))?.name).toBe('Second');
  });

  it('rolls back a failed transaction and keeps working', async () => {
    await expect(
      storage.db.transaction().execute(async (tx) => {
        await tx.updateTable('sites').set({ name: 'Lost' }).where('id', '=', 'news').execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await getSite(storage.db, 'news'))?.name).toBe('News');
    await storage.db.updateTable('sites').set({ name: 'Kept' }).where('id', '=', 'news').execute();
    expect((await getSite(storage.db, 'news'))?.name).toBe('Kept');
  });
});
