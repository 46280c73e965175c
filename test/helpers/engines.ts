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

async function openPostgres(url: string): Promise<Storage & { schema: string }> {
  // Kysely's migrator reads the whole database catalog; when other test runs share the database
  // and drop their schemas at that moment, the read can fail ("schema … does not exist") through
  // no fault of ours. Such a failure is retried on a fresh schema; a real one fails every time.
  for (let attempt = 1; ; attempt++) {
    try {
      return await openPostgresSchema(url);
    } catch (error) {
      if (attempt >= 3 || !/does not exist/.test(String(error))) throw error;
    }
  }
}

/**
 * PostgreSQL only (null without TEST_DATABASE_URL): `count` storages with pools of their own over
 * one fresh schema, as several server instances share one database. Closing the first drops it.
 */
export async function openPostgresInstances(count: number): Promise<Storage[] | null> {
  if (!pgUrl) return null;
  const first = await openPostgres(pgUrl);
  const schema = first.schema;
  const others = Array.from({ length: count - 1 }, () => createDb(pgUrl, { schema }));
  return [
    {
      ...first,
      close: async () => {
        await Promise.all(others.map((o) => o.close()));
        await first.close();
      },
    },
    ...others,
  ];
}

async function openPostgresSchema(url: string): Promise<Storage & { schema: string }> {
  const schema = `pikir_test_${randomId(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  await adminQuery(url, `create schema ${schema}`);
  const storage = createDb(url, { schema });
  const close = async () => {
    await storage.close();
    await adminQuery(url, `drop schema ${schema} cascade`);
  };
  try {
    await migrate(storage.db, schema);
  } catch (error) {
    await close();
    throw error;
  }
  return { ...storage, close, schema };
}

async function adminQuery(url: string, query: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}
