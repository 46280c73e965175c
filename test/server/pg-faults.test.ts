/**
 * PostgreSQL going away under a running server (its own process, on the real database): the
 * server's backends are terminated mid-load, as a restart or a failover does; the process must
 * live on, answer what fails with 503 storage_unavailable, and serve the next requests. And a
 * start against a database that does not answer must fail soon, naming the host.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from '../../server/ids.ts';
import { DEMO_PAGE_KEY } from '../../server/routes/demo.ts';
import { createDb } from '../../server/storage/db.ts';
import { isStorageFault } from '../../server/storage/faults.ts';
import { type ChildServer, spawnServer, startServer } from '../helpers/child-server.ts';

const baseUrl = process.env.TEST_DATABASE_URL;
if (!baseUrl) console.warn('SKIPPING PostgreSQL fault tests: TEST_DATABASE_URL is not set (CI sets it).');

async function adminQuery<R extends pg.QueryResultRow>(query: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return (await client.query<R>(query, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Terminates the backends of one application (ours, never another test's); how many it ended.
 * The pids are read first and ended one by one: in one statement the planner may call
 * pg_terminate_backend before it checks the application name, on every backend of the server.
 */
async function terminate(applicationName: string): Promise<number> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = $1',
      [applicationName],
    );
    let ended = 0;
    for (const { pid } of rows) {
      const result = await client.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [pid]);
      if (result.rows[0]?.ok) ended++;
    }
    return ended;
  } finally {
    await client.end();
  }
}

// A process of its own: Node and tsx load the code first, which takes seconds on a busy machine.
describe.skipIf(!baseUrl)('PostgreSQL faults', { timeout: 60_000 }, () => {
  const schema = `pikir_fault_${randomId(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const applicationName = `pikir-test-${schema}`;
  let server: ChildServer;

  beforeAll(async () => {
    await adminQuery(`create schema ${schema}`);
    const url = new URL(baseUrl!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    url.searchParams.set('application_name', applicationName);
    server = await startServer(18120, { DATABASE_URL: url.href });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await adminQuery(`drop schema if exists ${schema} cascade`);
  });

  const thread = () => `${server.url}/api/sites/demo/comments?page=${DEMO_PAGE_KEY}`;

  it('lives on when its connections are terminated mid-load, and serves the next requests', async () => {
    const statuses = new Map<number, number>();
    const bodies = new Set<string>();
    let stop = false;
    let done = 0;
    let waiting: { target: number; resolve: () => void }[] = [];
    const untilDone = (target: number) =>
      stop ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ target, resolve }));
    // A request that gets no answer at all (the server gone) ends the load at once, so that the
    // test fails on it, not on its timeout.
    const unanswered = new Set<string>();
    const worker = async () => {
      while (!stop) {
        try {
          const response = await fetch(done % 5 === 0 ? `${server.url}/readyz` : thread());
          const body = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status !== 200) bodies.add(body);
          done++;
        } catch (error) {
          unanswered.add(String((error as Error).cause ?? error));
          stop = true;
        }
        for (const w of waiting.filter((w) => stop || done >= w.target)) w.resolve();
        waiting = waiting.filter((w) => !stop && done < w.target);
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    let terminated = 0;
    for (let round = 0; round < 3 && !stop; round++) {
      await untilDone(done + 40);
      terminated += await terminate(applicationName);
    }
    if (!stop) await untilDone(done + 40);
    stop = true;
    await Promise.all(workers);

    expect(unanswered).toEqual(new Set());
    expect(terminated).toBeGreaterThan(0);
    expect(server.process.exitCode).toBeNull();
    // Reads are tried again on a new connection: not one of them failed.
    expect(bodies).toEqual(new Set());
    expect([...statuses.keys()]).toEqual([200]);
    const next = await fetch(thread());
    expect(next.status).toBe(200);
    expect(((await next.json()) as { comments: unknown[] }).comments).toHaveLength(3);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('repeats a read, and a statement never sent, on a new connection; never a write in a transaction', async () => {
    let noticed: (() => void)[] = [];
    const log = (line: string) => {
      if (/connection lost while in use/.test(line)) for (const resolve of noticed.splice(0)) resolve();
    };
    const storage = createDb(baseUrl!, { applicationName: `${applicationName}-direct`, log });
    /** Ends the backend of the connection `db` holds; with `wait`, until the client has seen it go. */
    const endBackend = async (db: typeof storage.db, wait = false) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      const seen = new Promise<void>((resolve) => noticed.push(resolve));
      await adminQuery('select pg_terminate_backend($1)', [rows[0]!.pid]);
      if (wait) await seen;
      noticed = [];
    };
    try {
      await storage.db.connection().execute(async (db) => {
        // A read whose connection is gone, noticed or not: tried again on a new one.
        await endBackend(db);
        expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
        // A write on a connection known to be gone never left: it is sent on a new one.
        await endBackend(db, true);
        await sql`create temporary table retried (x int)`.execute(db);
        expect((await sql`select count(*)::int as n from retried`.execute(db)).rows).toEqual([{ n: 0 }]);
      });
      // Inside a transaction nothing is repeated: the error reaches the caller, as a storage fault.
      const inTransaction = storage.db.transaction().execute(async (tx) => {
        await endBackend(tx, true);
        await sql`select 1`.execute(tx);
      });
      await expect(inTransaction).rejects.toSatisfy(isStorageFault);
      // Rolling back to a savepoint does not end the transaction: what follows is not repeated either.
      const afterSavepoint = storage.db.transaction().execute(async (tx) => {
        await sql`savepoint partial`.execute(tx);
        await sql`rollback to savepoint partial`.execute(tx);
        await endBackend(tx, true);
        await sql`select 1`.execute(tx);
      });
      await expect(afterSavepoint).rejects.toSatisfy(isStorageFault);
      expect((await sql`select 1 as one`.execute(storage.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await storage.close();
    }
  });

  it('answers a read right after its idle connections were terminated (a new connection, a retry)', async () => {
    expect((await fetch(thread())).status).toBe(200);
    expect(await terminate(applicationName)).toBeGreaterThan(0);
    const response = await fetch(thread());
    expect(response.status).toBe(200);
    expect(server.process.exitCode).toBeNull();
  });

  it('holds every connection to its timeouts and name, and answers a statement over time 503', async () => {
    const storage = createDb(baseUrl!, {
      timeouts: { connectMs: 2_000, statementMs: 300, idleInTransactionMs: 1_500 },
      applicationName,
    });
    try {
      const { rows } = await sql<{ statement: string; idle: string; name: string }>`
        select current_setting('statement_timeout') as statement,
               current_setting('idle_in_transaction_session_timeout') as idle,
               current_setting('application_name') as name`.execute(storage.db);
      expect(rows[0]).toEqual({ statement: '300ms', idle: '1500ms', name: applicationName });
      const slow = await sql`select pg_sleep(2)`.execute(storage.db).catch((error: unknown) => error);
      expect((slow as { code?: string }).code).toBe('57014');
      expect(isStorageFault(slow)).toBe(true);
    } finally {
      await storage.close();
    }
  });

  it('fails to start within 10 s against a port that accepts and never answers, naming the host', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(18121, '127.0.0.1', resolve));
    try {
      const child = spawnServer(18122, { DATABASE_URL: 'postgres://pikir:secret-pw@127.0.0.1:18121/pikir' });
      // From Pikir's first line, once Node has loaded the code (which on a busy machine takes seconds).
      await child.waitFor(/Pikir is starting: PostgreSQL at 127\.0\.0\.1:18121/);
      const started = performance.now();
      expect(await child.exited).toBe(1);
      expect(performance.now() - started).toBeLessThan(10_000);
      const output = child.lines.join('\n');
      expect(output).toMatch(/cannot reach PostgreSQL at 127\.0\.0\.1:18121 within 5 s/);
      expect(output).not.toMatch(/secret-pw/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('fails to start at once against a port nobody listens on, naming the host', async () => {
    const child = spawnServer(18123, { DATABASE_URL: 'postgres://pikir@127.0.0.1:18124/pikir' });
    expect(await child.exited).toBe(1);
    expect(child.lines.join('\n')).toMatch(
      /cannot reach PostgreSQL at 127\.0\.0\.1:18124 within 5 s: .*ECONNREFUSED/,
    );
  });
});
