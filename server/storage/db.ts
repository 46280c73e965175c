/**
 * createDb(url): a file path (or ":memory:") opens SQLite, `postgres://…` opens PostgreSQL.
 * Both go through Kysely with the same migrations and queries. openDatabase(url) is what the
 * server and the CLI use: it checks the database first and migrates it.
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
import type { Logger } from '../logger.ts';
import { migrations } from './migrations/index.ts';
import { listenThreads, type ThreadListener } from './pg-listen.ts';
import { RetryingPool } from './pg-retry.ts';
import type { Database } from './schema.ts';
import { ReadWriteSqliteDriver } from './sqlite-driver.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Storage {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
  /** SQLite only: copies the database to `file` with SQLite's online backup API, safe while it is in use. */
  backup?(file: string): Promise<void>;
  /**
   * PostgreSQL only: a connection of its own that LISTENs for the live thread's NOTIFYs
   * (storage/pg-listen.ts); `onConnected` runs on every (re)connect.
   */
  listen?(onNotify: (payload: string) => void, onConnected: () => void): ThreadListener;
}

/** How long PostgreSQL may take (config.ts reads them from the environment). */
export interface PostgresTimeouts {
  /** Opening a connection, start-up message included: a silent port fails after this. */
  connectMs: number;
  /** One statement, on the server (statement_timeout); the client gives up a little later. */
  statementMs: number;
  /** A transaction left open without a statement (idle_in_transaction_session_timeout). */
  idleInTransactionMs: number;
}

export const defaultPostgresTimeouts: PostgresTimeouts = {
  connectMs: 5_000,
  statementMs: 10_000,
  idleInTransactionMs: 30_000,
};

/** Connections of one process's pool. */
const POOL_SIZE = 10;

/** The application_name of the server's connections, so an operator (and a test) can find them. */
export const POSTGRES_APPLICATION_NAME = 'pikir';

export interface DbOptions {
  /** PostgreSQL only: the schema to work in (tests give each run its own). */
  schema?: string;
  /** PostgreSQL only: default defaultPostgresTimeouts. */
  timeouts?: PostgresTimeouts;
  /** PostgreSQL only: the connections' application_name; default POSTGRES_APPLICATION_NAME. */
  applicationName?: string;
  /** Where lost connections and retried reads are reported; default: stderr. */
  log?: Logger;
  /** PostgreSQL only: statements run often are prepared on each connection (pg-prepared.ts); default on. */
  preparedStatements?: boolean;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function createDb(url: string, options: DbOptions = {}): Storage {
  if (isPostgresUrl(url)) {
    const db = new Kysely<Database>({ dialect: postgresDialect(url, options) });
    const listenOptions = {
      ...(options.schema ? { schema: options.schema } : {}),
      applicationName: options.applicationName ?? POSTGRES_APPLICATION_NAME,
      connectMs: (options.timeouts ?? defaultPostgresTimeouts).connectMs,
      log: options.log ?? ((line: string) => console.error(line)),
    };
    return {
      db,
      engine: 'postgres',
      close: () => db.destroy(),
      listen: (onNotify, onConnected) => listenThreads(url, listenOptions, onNotify, onConnected),
    };
  }
  const database = openSqlite(url);
  const db = new Kysely<Database>({ dialect: sqliteDialect(database, url) });
  return {
    db,
    engine: 'sqlite',
    close: () => db.destroy(),
    backup: async (file) => {
      await database.backup(file);
    },
  };
}

/**
 * The database the server and the CLI work on, checked before anything else touches it: PostgreSQL
 * must answer within the connect timeout (the error names the host), an SQLite file must pass
 * `PRAGMA quick_check`; then it is migrated. Fails with a StorageStartError saying what to do.
 */
export async function openDatabase(url: string, options: DbOptions = {}): Promise<Storage> {
  let storage: Storage;
  try {
    storage = createDb(url, options);
  } catch (error) {
    throw new StorageStartError(`cannot open the SQLite database ${url}: ${messageOf(error)}`);
  }
  try {
    if (storage.engine === 'postgres') await reachPostgres(storage.db, url, options.timeouts);
    else await checkSqlite(storage.db, url);
    await migrate(storage.db, options.schema);
    return storage;
  } catch (error) {
    await storage.close().catch(() => undefined);
    throw error;
  }
}

/** Why the database does not answer `select 1` within `timeoutMs`; null when it does. */
export async function storageProblem(db: Kysely<Database>, timeoutMs: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  const answer = sql`select 1`.execute(db).then(
    () => null,
    (error: unknown) => messageOf(error),
  );
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A start-up failure whose message is the whole story (main.ts prints it without a stack). */
export class StorageStartError extends Error {}

async function reachPostgres(db: Kysely<Database>, url: string, timeouts = defaultPostgresTimeouts) {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    throw new StorageStartError(
      `cannot reach PostgreSQL at ${postgresHost(url)} within ${timeouts.connectMs / 1000} s: ${messageOf(error)}`,
    );
  }
}

/** "host:port" of a postgres:// URL, never its password. */
export function postgresHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`;
  } catch {
    return 'the DATABASE_URL host';
  }
}

async function checkSqlite(db: Kysely<Database>, path: string) {
  let problems: string[];
  try {
    const { rows } = await sql<{ quick_check: string }>`pragma quick_check`.execute(db);
    // One problem may span lines ("*** in database main ***\nTree 42 page 42: …"): kept on one.
    problems = rows.map((r) => r.quick_check.replace(/\s*\n\s*/g, ' ')).filter((r) => r !== 'ok');
  } catch (error) {
    problems = [messageOf(error)];
  }
  if (problems.length > 0) {
    throw new StorageStartError(
      `the SQLite database ${path} is damaged (PRAGMA quick_check: ${problems.slice(0, 5).join('; ')}); ` +
        'stop here and restore the latest backup (docs/operations.md, "Backups and restore")',
    );
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  return error instanceof Error ? error.message || String(error) : String(error);
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
    // 008 and 009 were numbered before 010-012 were released but landed after them: a database
    // already at 012 must still run them, which Kysely refuses unless unordered runs are allowed.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

function postgresDialect(url: string, options: DbOptions): Dialect {
  const timeouts = options.timeouts ?? defaultPostgresTimeouts;
  const log = options.log ?? ((line: string) => console.error(line));
  // Opening a connection is held to the connect timeout; waiting for a free one of the pool (all
  // ten busy, e.g. behind one row lock) may take as long as a connect and a statement, then 503.
  class TimedClient extends pg.Client {
    constructor(config: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: timeouts.connectMs });
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    application_name: options.applicationName ?? POSTGRES_APPLICATION_NAME,
    Client: TimedClient as unknown as new () => pg.ClientBase,
    connectionTimeoutMillis: timeouts.connectMs + timeouts.statementMs,
    statement_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    // The server enforces the statement timeout; this is for a server that went silent.
    query_timeout: timeouts.statementMs + 2_000,
    keepAlive: true,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    // Timestamps are bigint (int8); JavaScript numbers hold milliseconds exactly until the year 287396.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format),
    },
  });
  // An idle connection that dies (a restart, a failover, pg_terminate_backend) is reported here;
  // without a listener the error would end the process. The pool drops it and opens a new one.
  pool.on('error', (error) => log(`storage: PostgreSQL dropped an idle connection: ${error.message}`));
  return new CurrentSchemaPostgresDialect({
    pool: new RetryingPool(pool, log, options.preparedStatements ?? true),
  });
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

function openSqlite(path: string): SqliteDatabase.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  // WAL lets readers run beside the writer; FULL keeps acknowledged commits across power loss
  // (for a file, the driver then waits for the disk off the event loop: sqlite-driver.ts);
  // the busy timeout makes a second process (the CLI) wait for the lock instead of failing.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return database;
}

function sqliteDialect(database: SqliteDatabase.Database, path: string): Dialect {
  // Reads outside transactions go to a read-only connection: never queued behind a write.
  const reader =
    path === ':memory:' ? null : new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  reader?.pragma('busy_timeout = 5000');
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ReadWriteSqliteDriver(database, reader, path === ':memory:' ? null : path),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
