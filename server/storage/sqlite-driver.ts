/**
 * SQLite with one writer and one reader connection. Writes, and every statement of a transaction,
 * go to the writer one at a time (BEGIN IMMEDIATE, see below); a SELECT outside a transaction goes
 * to a read-only connection which, in WAL mode, reads the last commit without waiting for the
 * writer's transaction to end. Each connection keeps its prepared statements, so a statement is
 * compiled by SQLite once, not on every query.
 *
 * Group commit: with synchronous=FULL every COMMIT waits for the disk (an fsync, milliseconds,
 * with the event loop stopped), so one COMMIT per post caps posting at a few hundred a second
 * and stalls every read meanwhile. When a transaction ends while another is already waiting for
 * the writer, it is closed as a savepoint of one SQLite transaction that the next one joins; the
 * real COMMIT comes when nobody waits (or the group is GROUP_MAX long or GROUP_MAX_MS old), and
 * only then does any transaction of the group count as committed: none is acknowledged before it
 * is on disk. A transaction that fails rolls back to its own savepoint, leaving the others.
 *
 * The disk is waited for off the event loop (WalSync, for a database in a file): the writer runs
 * with synchronous=OFF, so a COMMIT only hands its pages to the operating system, and the driver
 * then fdatasyncs the WAL file in libuv's thread pool before it acknowledges the group, as
 * synchronous=FULL would have before returning. Reads and the next group go on meanwhile, and one
 * fsync covers every group committed before it started; one that fails ends the process
 * (fail-stop.ts). Checkpoints, which copy the WAL into the database and must sync both, run in a
 * worker thread on a connection of its own with synchronous=FULL (the writer's automatic
 * checkpoints are off: they would not sync).
 */
import { type FileHandle, open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
} from 'kysely';
import { stopOnFailedSync } from './fail-stop.ts';

/** Statements kept per connection; past this the cache starts over (queries are a bounded set). */
const STATEMENT_CACHE_MAX = 1000;
/** Transactions one COMMIT may carry, and how long the first of them may wait for it. */
const GROUP_MAX = 64;
const GROUP_MAX_MS = 25;
/** Taken at load: a test's fake timers must not hold commits back. */
const nextTurn = setImmediate;

interface Waiting {
  resolve(): void;
  reject(error: unknown): void;
}

interface Group {
  /** Transactions closed in the group, waiting for its COMMIT. */
  closed: Waiting[];
  startedAt: number;
  /** The COMMIT is waiting a turn of the event loop for more transactions to join. */
  waited: boolean;
}

export class ReadWriteSqliteDriver implements Driver {
  private readonly writer: Statements;
  private readonly reader: Statements | null;
  private readonly queue = new Mutex();
  private group: Group | null = null;
  private savepoints = 0;
  private readonly wal: WalSync | null;
  private closing: Promise<void> | null = null;

  /**
   * `reader`: a read-only connection to the same file; null (":memory:"): all on the writer.
   * `file`: the database's path, for WalSync; null (":memory:"): nothing to sync.
   */
  constructor(
    private readonly writerDb: SqliteDatabase.Database,
    private readonly readerDb: SqliteDatabase.Database | null,
    file: string | null = null,
  ) {
    this.writer = new Statements(writerDb);
    this.reader = readerDb ? new Statements(readerDb) : null;
    this.wal = file ? new WalSync(writerDb, file) : null;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this.writer, this.reader, this.queue, this.wal);
  }

  /**
   * Our transactions read, then write. A plain BEGIN takes the write lock only at the first write,
   * so two processes can both read and then one fails with SQLITE_BUSY; BEGIN IMMEDIATE takes the
   * lock up front and the busy timeout queues the other.
   */
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const routed = connection as RoutedConnection;
    await this.queue.lock('transaction');
    try {
      if (!this.group) {
        this.writer.run('begin immediate');
        this.group = { closed: [], startedAt: performance.now(), waited: false };
      }
      routed.savepoint = `pikir_tx_${++this.savepoints}`;
      this.writer.run(`savepoint ${routed.savepoint}`);
      routed.inTransaction = true;
    } catch (error) {
      this.endGroup();
      throw error;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const routed = connection as RoutedConnection;
    routed.inTransaction = false;
    const committed = new Promise<void>((resolve, reject) => {
      try {
        this.writer.run(`release ${routed.savepoint}`);
      } catch (error) {
        reject(error);
        return;
      }
      this.group?.closed.push({ resolve, reject });
    });
    this.handOver();
    return committed;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const routed = connection as RoutedConnection;
    // After a failed commit there is nothing of this transaction left to roll back.
    if (!routed.inTransaction) return;
    routed.inTransaction = false;
    try {
      this.writer.run(`rollback to ${routed.savepoint}; release ${routed.savepoint}`);
    } catch {
      // SQLite gave up the whole transaction (an I/O error): endGroup fails the group.
    }
    this.handOver();
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

  destroy(): Promise<void> {
    this.closing ??= this.close();
    return this.closing;
  }

  private async close(): Promise<void> {
    // A transaction still running (a request cut off at shutdown) ends first: closing under it
    // would fail it after its COMMIT, and leave the database open.
    await this.queue.lock('statement');
    try {
      await this.wal?.close();
      this.readerDb?.close();
      this.writerDb.close();
    } finally {
      // Whatever comes later is told that the database is closed rather than left waiting.
      this.queue.unlock();
    }
  }

  /**
   * The next transaction joins the open group, or the group commits and the writer is free. With
   * nobody waiting yet, the COMMIT waits one turn of the event loop first: better-sqlite3 answers
   * synchronously, so a request's whole transaction runs without letting the others (read from
   * their sockets meanwhile) reach the writer, and each would commit alone.
   */
  private handOver(): void {
    if (this.joinable()) {
      this.queue.unlock();
      return;
    }
    const group = this.group;
    if (
      group &&
      group.closed.length > 0 &&
      !group.waited &&
      this.writerDb.inTransaction &&
      this.young(group)
    ) {
      group.waited = true;
      nextTurn(() => {
        group.waited = false;
        if (this.joinable()) this.queue.unlock();
        else this.endGroup();
      });
      return;
    }
    this.endGroup();
  }

  private joinable(): boolean {
    const group = this.group;
    return (
      group !== null &&
      this.writerDb.inTransaction &&
      this.queue.nextWants('transaction') &&
      this.young(group)
    );
  }

  private young(group: Group): boolean {
    return group.closed.length < GROUP_MAX && performance.now() - group.startedAt < GROUP_MAX_MS;
  }

  /** Commits the group (or rolls back an empty one), tells its transactions, frees the writer. */
  private endGroup(): void {
    const closed = this.group?.closed ?? [];
    this.group = null;
    let failure: unknown = null;
    if (this.writerDb.inTransaction) {
      try {
        this.writer.run(closed.length > 0 ? 'commit' : 'rollback');
      } catch (error) {
        failure = error;
        if (this.writerDb.inTransaction) this.writer.run('rollback');
      }
    } else if (closed.length > 0) {
      failure = new Error('SQLite rolled back the transaction');
    }
    this.queue.unlock();
    if (failure === null && this.wal && closed.length > 0) {
      this.wal.durable().then(
        () => {
          for (const waiting of closed) waiting.resolve();
        },
        (error: unknown) => {
          for (const waiting of closed) waiting.reject(error);
        },
      );
      return;
    }
    for (const waiting of closed) {
      if (failure === null) waiting.resolve();
      else waiting.reject(failure);
    }
  }
}

class RoutedConnection implements DatabaseConnection {
  inTransaction = false;
  savepoint = '';

  constructor(
    private readonly writer: Statements,
    private readonly reader: Statements | null,
    private readonly queue: Mutex,
    private readonly wal: WalSync | null,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction) return this.writer.execute<R>(query);
    if (this.reader && SelectQueryNode.is(query.query)) return this.reader.execute<R>(query);
    // Outside a transaction, wait for the one in progress (its statements are on this connection).
    await this.queue.lock('statement');
    let result: QueryResult<R>;
    try {
      result = this.writer.execute<R>(query);
    } finally {
      this.queue.unlock();
    }
    // A statement of its own commits by itself: answered, like a transaction, once on disk (a
    // write with RETURNING too, though it answers rows as a read does).
    if (this.wal && this.writer.writes(query.sql)) await this.wal.durable();
    return result;
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

  /** Whether the statement can change the database (SQLite's own judgement of it). */
  writes(sql: string): boolean {
    return !this.prepare(sql).readonly;
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
  private readonly waiters: { kind: 'transaction' | 'statement'; resolve: () => void }[] = [];

  lock(kind: 'transaction' | 'statement'): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push({ kind, resolve }));
  }

  nextWants(kind: 'transaction' | 'statement'): boolean {
    return this.waiters[0]?.kind === kind;
  }

  unlock(): void {
    const next = this.waiters.shift();
    if (next) next.resolve();
    else this.locked = false;
  }
}

/** Run a checkpoint at least this often while there are writes, or after this many commits. */
const CHECKPOINT_EVERY_MS = 1000;
const CHECKPOINT_EVERY_COMMITS = 500;

/**
 * Durability of the writer's commits without blocking the event loop (see the top of the file).
 * `durable()` resolves once everything committed before the call is on disk: it waits for an
 * fsync of the WAL that starts after the call; one runs at a time, and the callers that came
 * while it ran share the next one. If the checkpoint worker cannot run, the writer goes back to
 * synchronous=FULL with automatic checkpoints, as it was: slower, never less safe.
 */
class WalSync {
  private handle: Promise<FileHandle> | null = null;
  private waiting: Waiting[] = [];
  private syncing: Promise<void> | null = null;
  private checkpointer: Checkpointer | null;
  private commits = 0;
  private lastCheckpoint = performance.now();
  /** The checkpoint worker failed; the writer goes back to syncing itself once no transaction is open. */
  private fallingBack = false;

  constructor(
    private readonly writer: SqliteDatabase.Database,
    private readonly file: string,
  ) {
    this.checkpointer = new Checkpointer(file, () => this.fallBack());
    writer.pragma('wal_autocheckpoint = 0');
    writer.pragma('synchronous = OFF');
  }

  durable(): Promise<void> {
    this.settle();
    this.commits++;
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.syncing) this.syncing = this.run();
    });
  }

  private async run(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      let handle: FileHandle;
      try {
        // Opened on the first commit, when SQLite has surely created the file; kept open after.
        this.handle ??= open(`${this.file}-wal`, 'r+');
        handle = await this.handle;
      } catch (error) {
        // Nothing was synced and no write-back reported lost: these writes are refused, and the
        // next sync, on a new handle, covers what they left in the WAL.
        this.handle = null;
        for (const waiting of batch) waiting.reject(error);
        continue;
      }
      try {
        await handle.datasync();
      } catch (error) {
        stopOnFailedSync(this.file, error);
      }
      for (const waiting of batch) waiting.resolve();
    }
    this.syncing = null;
    this.maybeCheckpoint();
  }

  private maybeCheckpoint(): void {
    if (!this.checkpointer || this.commits === 0) return;
    const due =
      this.commits >= CHECKPOINT_EVERY_COMMITS ||
      performance.now() - this.lastCheckpoint >= CHECKPOINT_EVERY_MS;
    if (!due || !this.checkpointer.idle()) return;
    this.commits = 0;
    this.checkpointer.run(() => {
      this.lastCheckpoint = performance.now();
    });
  }

  private fallBack(): void {
    this.checkpointer = null;
    this.fallingBack = true;
    this.settle();
  }

  /**
   * SQLite refuses to change the safety level inside a transaction, and the worker may fail while
   * a group is open: then the next commit's durable() applies it (the WAL is synced meanwhile).
   */
  private settle(): void {
    if (!this.fallingBack || !this.writer.open || this.writer.inTransaction) return;
    this.fallingBack = false;
    this.writer.pragma('synchronous = FULL');
    this.writer.pragma('wal_autocheckpoint = 1000');
  }

  /** Called with the writer free (the driver holds its queue): no transaction is open. */
  async close(): Promise<void> {
    await this.syncing;
    await this.checkpointer?.close();
    this.checkpointer = null;
    await (await this.handle?.catch(() => null))?.close();
    // Closing the last connection checkpoints the WAL into the database: that one must sync.
    if (this.writer.open) this.writer.pragma('synchronous = FULL');
  }
}

/** The checkpoint worker's code (plain JavaScript: a worker does not go through tsx). */
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
db.pragma('wal_autocheckpoint = 0');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage('done');
  } catch (error) {
    parentPort.postMessage(String(error && error.message || error));
  }
});
`;

/** A worker thread that runs PASSIVE checkpoints on a connection of its own, one at a time. */
class Checkpointer {
  private worker: Worker | null = null;
  private onDone: (() => void) | null = null;
  private failed = false;

  constructor(
    private readonly file: string,
    private readonly onFailure: () => void,
  ) {}

  idle(): boolean {
    return !this.failed && this.onDone === null;
  }

  run(onDone: () => void): void {
    this.onDone = onDone;
    this.start().postMessage('checkpoint');
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(CHECKPOINT_WORKER, {
      eval: true,
      workerData: { module: createRequire(import.meta.url).resolve('better-sqlite3'), file: this.file },
    });
    worker.on('message', (message: unknown) => {
      const done = this.onDone;
      this.onDone = null;
      if (message === 'done') done?.();
      else this.fail();
    });
    worker.on('error', () => this.fail());
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      if (this.onDone) this.fail();
    });
    // A checkpoint never keeps the process alive. After the listeners: a 'message' listener
    // added later would reference the worker again.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    this.onDone = null;
    void this.worker?.terminate();
    this.onFailure();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Unreferenced, the worker would let a closing process end before it exits, and so before
    // the writer's last checkpoint: a shutdown would stop here without a word.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }
}
