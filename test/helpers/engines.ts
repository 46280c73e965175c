/**
 * The storage contract runs on every engine: SQLite always (in memory), PostgreSQL when
 * TEST_DATABASE_URL is set. Each PostgreSQL test database is a fresh schema, dropped afterwards.
 */
import pg from 'pg';
import { randomId } from '../../server/ids.ts';
import { createDb, type Engine, migrate, type Storage } from '../../server/storage/db.ts';

export interface EngineCase {
  engine: Engine;
  open(): Promise<Storage>;
}

const pgUrl = process.env.TEST_DATABASE_URL;

if (!pgUrl) {
  console.warn('SKIPPING PostgreSQL storage tests: TEST_DATABASE_URL is not set (CI sets it).');
}

export const engines: EngineCase[] = [
  { engine: 'sqlite', open: openSqlite },
  ...(pgUrl ? [{ engine: 'postgres' as const, open: () => openPostgres(pgUrl) }] : []),
];

async function openSqlite(): Promise<Storage> {
  const storage = createDb(':memory:');
  await migrate(storage.db);
  return storage;
}

async function openPostgres(url: string): Promise<Storage> {
  const schema = `pikir_test_${randomId(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const storage = createDb(url, { schema });
  await migrate(storage.db);
  return {
    ...storage,
    async close() {
      await storage.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}
