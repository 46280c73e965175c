import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb, migrate } from '../../server/storage/db.ts';
import { migrations } from '../../server/storage/migrations/index.ts';

describe('migration 009 on a database already at 012', () => {
  it('still runs, and every admin from before it is a site admin', async () => {
    const storage = createDb(':memory:');
    // The database as a release without 009 left it: 001-007 and 010-012 applied.
    const { '009_site_roles': _, ...before } = migrations;
    const old = new Migrator({ db: storage.db, provider: { getMigrations: async () => before } });
    expect((await old.migrateToLatest()).error).toBeUndefined();
    await storage.db
      .insertInto('sites')
      .values({
        id: 'news',
        name: 'News',
        origins: '[]',
        default_country: 'KZ',
        settings: '{}',
        created_at: 0,
      })
      .execute();
    await storage.db
      .insertInto('site_admins')
      .values({ site_id: 'news', contact: 'editor@news.kz', created_at: 0 } as never)
      .execute();

    await migrate(storage.db);
    expect(await storage.db.selectFrom('site_admins').select(['contact', 'role']).execute()).toEqual([
      { contact: 'editor@news.kz', role: 'admin' },
    ]);
    const applied = await new Migrator({
      db: storage.db,
      provider: { getMigrations: async () => migrations },
    }).getMigrations();
    expect(applied.every((m) => m.executedAt !== undefined)).toBe(true);
    await storage.close();
  });
});
