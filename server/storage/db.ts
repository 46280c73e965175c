/**
 * createDb(url): a file path (or ":memory:") opens SQLite, `postgres://…` opens PostgreSQL.
 * Both go through Kysely with the same migrations and queries.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  type Dialect,
  Kysely,
  Migrator,
  PostgresDialect,
  PostgresIntrospector,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type TableMetadata,
} from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { ReadWriteSqliteDriver } from './sqlite-driver.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Storage {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

export interface DbOptions {
  /** PostgreSQL only: the schema to work in (tests give each run its own). */
  schema?: string;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function createDb(url: string, options: DbOptions = {}): Storage {
  const engine: Engine = isPostgresUrl(url) ? 'postgres' : 'sqlite';
  const dialect = engine === 'postgres' ? postgresDialect(url, options.schema) : sqliteDialect(url);
  const db = new Kysely<Database>({ dialect });
  return { db, engine, close: () => db.destroy() };
}

/**
 * `schema` (PostgreSQL): where the migration bookkeeping lives. Without it Kysely takes a
 * kysely_migration table in any schema of the database as its own, so a second schema (another
 * app, or a parallel test run) makes it skip creating the tables it then needs.
 */
export async function migrate(db: Kysely<Database>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

function postgresDialect(url: string, schema?: string): Dialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    // Timestamps are bigint (int8); JavaScript numbers hold milliseconds exactly until the year 287396.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format),
    },
  });
  return new CurrentSchemaPostgresDialect({ pool });
}

class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>) {
    return new CurrentSchemaIntrospector(db);
  }
}

/**
 * The migrator asks whether its own tables exist. Kysely's stock introspector reads every schema
 * of the database through catalog functions that fail when another connection drops a schema
 * or table meanwhile (test runs side by side, other apps sharing the database), and would take
 * another schema's kysely_migration table for ours. This one looks only at the schema we use.
 */
class CurrentSchemaIntrospector extends PostgresIntrospector {
  constructor(private readonly kysely: Kysely<unknown>) {
    super(kysely);
  }

  override async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, n.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v')`.execute(this.kysely);
    return rows.map((r) => ({ name: r.name, schema: r.schema, isView: r.kind === 'v', columns: [] }));
  }
}

function sqliteDialect(path: string): Dialect {
  const memory = path === ':memory:';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  // WAL lets readers run beside the writer; FULL keeps acknowledged commits across power loss;
  // the busy timeout makes a second process (the CLI) wait for the lock instead of failing.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Reads outside transactions go to a read-only connection: never queued behind a write.
  const reader = memory ? null : new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  reader?.pragma('busy_timeout = 5000');
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ReadWriteSqliteDriver(database, reader),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
