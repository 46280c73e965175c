import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../server/storage/db.ts';
import { migrations } from '../../server/storage/migrations/index.ts';

describe('migration 005 on accounts from before it', () => {
  it('gives each mailbox one identity: the oldest of the case variants keeps it, sign-in throttles merge', async () => {
    const storage = createDb(':memory:');
    const migrator = new Migrator({ db: storage.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('004_moderation')).error).toBeUndefined();
    const user = (id: string, email: string, at: number) => ({
      id,
      display_name: id,
      email,
      phone: null,
      password_hash: null,
      created_at: at,
    });
    await storage.db
      .insertInto('users')
      .values([
        user('old', 'Mike@example.org', 1),
        user('new', 'mike@example.org', 2),
        user('ann', 'Ann@mail.kz', 3),
      ])
      .execute();
    await storage.db
      .insertInto('sign_in_failures')
      .values({ key: 'contact:Ann@mail.kz', failures: 7, last_failed_at: 1 })
      .execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const rows = await storage.db
      .selectFrom('users')
      .select(['id', 'email', 'email_key'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'ann', email: 'Ann@mail.kz', email_key: 'ann@mail.kz' },
      { id: 'new', email: 'mike@example.org', email_key: null },
      { id: 'old', email: 'Mike@example.org', email_key: 'mike@example.org' },
    ]);
    expect(await storage.db.selectFrom('sign_in_failures').selectAll().execute()).toEqual([
      { key: 'contact:ann@mail.kz', failures: 7, last_failed_at: 1 },
    ]);
    await storage.close();
  });
});
