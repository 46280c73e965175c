/**
 * SQLite with one writer and one reader connection. Writes, and every statement of a transaction,
 * go to the writer one at a time (BEGIN IMMEDIATE, see below); a SELECT outside a transaction goes
 * to a read-only connection which, in WAL mode, reads the last commit without waiting for the
 * writer's transaction to end. Each connection keeps its prepared statements, so a statement is
 * compiled by SQLite once, not on every query.
 */
import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
} from 'kysely';

/** Statements kept per connection; past this the cache starts over (queries are a bounded set). */
const STATEMENT_CACHE_MAX = 1000;

export class ReadWriteSqliteDriver implements Driver {
  private readonly writer: Statements;
  private readonly reader: Statements | null;
  private readonly queue = new Mutex();

  /** `reader`: a read-only connection to the same file; null (":memory:"): all on the writer. */
  constructor(
    private readonly writerDb: SqliteDatabase.Database,
    private readonly readerDb: SqliteDatabase.Database | null,
  ) {
    this.writer = new Statements(writerDb);
    this.reader = readerDb ? new Statements(readerDb) : null;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this.writer, this.reader, this.queue);
  }

  /**
   * Our transactions read, then write. A plain BEGIN takes the write lock only at the first write,
   * so two processes can both read and then one fails with SQLITE_BUSY; BEGIN IMMEDIATE takes the
   * lock up front and the busy timeout queues the other.
   */
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const routed = connection as RoutedConnection;
    await this.queue.lock();
    try {
      this.writer.run('begin immediate');
      routed.inTransaction = true;
    } catch (error) {
      this.queue.unlock();
      throw error;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.end(connection as RoutedConnection, 'commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.end(connection as RoutedConnection, 'rollback');
  }

  async savepoint(connection: DatabaseConnection, name: string, _compile: QueryCompiler['compileQuery']) {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteName(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteName(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteName(name)}`));
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.readerDb?.close();
    this.writerDb.close();
  }

  /**
   * SQLite rolls a transaction back by itself on some errors (a full disk, an I/O error); a
   * ROLLBACK then fails with "cannot rollback - no transaction is active", and that error would
   * replace the real one. Only a transaction still open is rolled back.
   */
  private async end(connection: RoutedConnection, command: 'commit' | 'rollback'): Promise<void> {
    try {
      if (command === 'commit' || this.writerDb.inTransaction) this.writer.run(command);
    } finally {
      connection.inTransaction = false;
      this.queue.unlock();
    }
  }
}

class RoutedConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(
    private readonly writer: Statements,
    private readonly reader: Statements | null,
    private readonly queue: Mutex,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction) return this.writer.execute<R>(query);
    if (this.reader && SelectQueryNode.is(query.query)) return this.reader.execute<R>(query);
    // Outside a transaction, wait for the one in progress (its statements are on this connection).
    await this.queue.lock();
    try {
      return this.writer.execute<R>(query);
    } finally {
      this.queue.unlock();
    }
  }

  // biome-ignore lint/correctness/useYield: streaming is not used; the interface requires it.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on SQLite here');
  }
}

class Statements {
  private readonly cache = new Map<string, SqliteDatabase.Statement>();

  constructor(private readonly db: SqliteDatabase.Database) {}

  run(sql: string): void {
    this.db.exec(sql);
  }

  execute<R>(query: CompiledQuery): QueryResult<R> {
    const stmt = this.prepare(query.sql);
    const parameters = query.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  private prepare(sql: string): SqliteDatabase.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      if (this.cache.size >= STATEMENT_CACHE_MAX) this.cache.clear();
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}

function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** First come, first served; unlock hands the lock straight to the next waiter. */
class Mutex {
  private locked = false;
  private readonly waiters: (() => void)[] = [];

  lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  unlock(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.locked = false;
  }
}
