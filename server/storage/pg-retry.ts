/**
 * The PostgreSQL pool Kysely is given: pg's own pool, with three things added so that a lost
 * connection (a database restart, a failover, pg_terminate_backend) costs a few requests at most
 * and never the process:
 *   - a client that is checked out has an error listener too (pg's pool listens only on idle ones,
 *     and an error event nobody listens to ends the process);
 *   - a read (SELECT) outside a transaction that fails because the connection broke is tried again,
 *     on a fresh connection, twice at most and soon: it changes nothing, so repeating it is safe;
 *     so is any statement outside a transaction (a BEGIN too) that never left because the
 *     connection was already known to be broken;
 *   - a ROLLBACK on a connection that is already gone is a no-op instead of an error that would
 *     replace the real one (the server rolled the transaction back when the connection ended).
 * Writes and statements inside transactions are never repeated: their error reaches the request,
 * which answers 503 storage_unavailable (storage/faults.ts).
 */
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import type { Logger } from '../logger.ts';
import { isConnectionError } from './faults.ts';
import { statementFor } from './pg-prepared.ts';

/** A data-modifying word in a `with` statement's text (column names such as updated_at do not match). */
const WRITES = /\b(?:insert|update|delete|merge)\b/i;

/** A select, or a `with` whose parts only select (a thread's slice): safe to send again. */
export function isRead(text: string): boolean {
  const statement = text.trimStart();
  return /^select\b/i.test(statement) || (/^with\b/i.test(statement) && !WRITES.test(statement));
}

/**
 * A COMMIT, END, ROLLBACK or ABORT that ends the transaction; not a rollback to a savepoint, nor
 * one "and chain" (a new transaction starts at once), nor a two-phase one (run outside transactions).
 */
export function endsTransaction(text: string): boolean {
  return /^(?:commit|end|rollback|abort)\b(?!\s+(?:(?:work|transaction)\s+)?to\b)(?!\s+prepared\b)(?![^;]*\band\s+chain\b)/i.test(
    text.trimStart(),
  );
}

/** Waits before the second and third try of a read. */
const RETRY_DELAYS_MS = [0, 200];
/** pg's answer for a statement it did not send, on a connection it already knew was broken. */
const NOT_SENT = /not queryable/;

export class RetryingPool implements PostgresPool {
  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    /** Off where a pooler in front does not carry named statements (pg-prepared.ts). */
    private readonly prepared: boolean,
  ) {}

  async connect(): Promise<RetryingClient> {
    return new RetryingClient(this.pool, await this.pool.connect(), this.log, this.prepared);
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

class RetryingClient implements PostgresPoolClient {
  private inTransaction = false;
  private broken: Error | null = null;
  private readonly onError = (error: Error) => {
    this.broken = error;
    this.log(`storage: PostgreSQL connection lost while in use: ${error.message}`);
  };

  constructor(
    private readonly pool: pg.Pool,
    private client: pg.PoolClient | null,
    private readonly log: Logger,
    private readonly prepared: boolean,
  ) {
    client?.on('error', this.onError);
  }

  query<R>(text: string, values: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    text: string | PostgresCursor<R>,
    values: ReadonlyArray<unknown> = [],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof text !== 'string') throw new Error('cursors are not used with this pool');
    return this.run<R>(text, values);
  }

  private async run<R>(text: string, values: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    const statement = text.trimStart().slice(0, 20).toLowerCase();
    const ends = endsTransaction(text);
    if (ends && statement.startsWith('rollback') && this.broken) {
      this.inTransaction = false;
      return { command: 'ROLLBACK', rowCount: 0, rows: [] };
    }
    const transactional = this.inTransaction;
    if (statement.startsWith('begin') || statement.startsWith('start transaction')) this.inTransaction = true;
    if (ends) this.inTransaction = false;
    const read = isRead(text);
    for (let attempt = 0; ; attempt++) {
      const unsent = this.broken !== null;
      try {
        if (!this.client) throw this.broken ?? new Error('Connection terminated');
        const named = this.prepared ? statementFor(this.client, text, [...values]) : text;
        const result =
          typeof named === 'string' ? this.client.query(named, [...values]) : this.client.query(named);
        return (await result) as unknown as PostgresQueryResult<R>;
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        this.broken ??= error as Error;
        const retryable = !transactional && (read || unsent || NOT_SENT.test((error as Error).message));
        if (!retryable || attempt >= RETRY_DELAYS_MS.length) throw error;
        this.log(`storage: read retried on a new connection after: ${(error as Error).message}`);
        await this.replace(RETRY_DELAYS_MS[attempt]!);
      }
    }
  }

  /** Gives the broken connection back to be destroyed and takes a fresh one. */
  private async replace(delayMs: number): Promise<void> {
    this.detach(true);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    this.client = await this.pool.connect();
    this.broken = null;
    this.client.on('error', this.onError);
  }

  release(destroy?: boolean): void {
    this.detach(Boolean(destroy) || this.broken !== null);
  }

  private detach(destroy: boolean): void {
    if (!this.client) return;
    this.client.removeListener('error', this.onError);
    this.client.release(destroy ? (this.broken ?? true) : undefined);
    this.client = null;
  }
}
