import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb, migrate } from '../../server/storage/db.ts';
import { migrations } from '../../server/storage/migrations/index.ts';

describe('migration 008 (held comments)', () => {
  it('runs on a database already past 012, as one released before it was numbered', async () => {
    const storage = createDb(':memory:');
    try {
      const { '008_held_comments': _, ...released } = migrations;
      const before = await new Migrator({
        db: storage.db,
        provider: { getMigrations: async () => released },
      }).migrateToLatest();
      expect(before.error).toBeUndefined();
      await migrate(storage.db);
      const index = await sql<{
        name: string;
      }>`select name from sqlite_master where name = 'comments_held'`.execute(storage.db);
      expect(index.rows).toEqual([{ name: 'comments_held' }]);
    } finally {
      await storage.close();
    }
  });
});
