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

  it('commits concurrent transactions together, each acknowledged only once on disk', async () => {
    const seenOnAck: boolean[] = [];
    const writes = Array.from({ length: 40 }, (_, i) =>
      storage.db
        .transaction()
        .execute(async (tx) => {
          await tx
            .insertInto('users')
            .values({ id: `u${i}`, display_name: `U${i}`, created_at: i })
            .execute();
          await Promise.resolve();
          if (i % 7 === 3) throw new Error(`refused ${i}`);
          await tx
            .updateTable('sites')
            .set((eb) => ({ version: eb('version', '+', 1) }))
            .execute();
        })
        .then(async () => {
          // The reader connection sees only committed data: the acknowledged write is there.
          const row = await storage.db
            .selectFrom('users')
            .select('id')
            .where('id', '=', `u${i}`)
            .executeTakeFirst();
          seenOnAck.push(row !== undefined);
        }),
    );
    const results = await Promise.allSettled(writes);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(6);
    expect(seenOnAck).toHaveLength(34);
    expect(seenOnAck.every(Boolean)).toBe(true);
    // The refused ones left nothing, the others all of their work.
    const ids = (await storage.db.selectFrom('users').select('id').execute()).map((r) => r.id);
    expect(ids).toHaveLength(34);
    expect(ids).not.toContain('u3');
    const site = await storage.db.selectFrom('sites').select('version').executeTakeFirstOrThrow();
    expect(Number(site.version)).toBe(34);
    // A second connection (another process) sees all of it: it is committed, not pending.
    const other = createDb(join(dir, 'pikir.db'));
    expect(await other.db.selectFrom('users').select('id').execute()).toHaveLength(34);
    await other.close();
  });

  it('runs a statement outside transactions after the group, not inside it', async () => {
    const order: string[] = [];
    const txs = Array.from({ length: 5 }, (_, i) =>
      storage.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('users')
          .values({ id: `t${i}`, display_name: 'T', created_at: i })
          .execute();
        order.push(`tx${i}`);
      }),
    );
    const single = storage.db
      .insertInto('users')
      .values({ id: 'single', display_name: 'S', created_at: 0 })
      .execute()
      .then(() => order.push('single'));
    await Promise.all([...txs, single]);
    expect(order.indexOf('single')).toBeGreaterThan(order.indexOf('tx0'));
    expect(await storage.db.selectFrom('users').select('id').execute()).toHaveLength(6);
  });
});
