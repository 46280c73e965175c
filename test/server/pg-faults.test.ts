/**
 * PostgreSQL going away under a running server (its own process, on the real database): the
 * server's backends are terminated mid-load, as a restart or a failover does; the process must
 * live on, answer what fails with 503 storage_unavailable, and serve the next requests. And a
 * start against a database that does not answer must fail soon, naming the host.
 */
import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from '../../server/ids.ts';
import { DEMO_PAGE_KEY } from '../../server/routes/demo.ts';
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

describe.skipIf(!baseUrl)('PostgreSQL faults', () => {
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
  });
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
    const untilDone = (target: number) => new Promise<void>((resolve) => waiting.push({ target, resolve }));
    const worker = async () => {
      while (!stop) {
        const response = await fetch(done % 5 === 0 ? `${server.url}/readyz` : thread());
        const body = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status !== 200) bodies.add(body);
        done++;
        for (const w of waiting.filter((w) => done >= w.target)) w.resolve();
        waiting = waiting.filter((w) => done < w.target);
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    let terminated = 0;
    for (let round = 0; round < 3; round++) {
      await untilDone(done + 40);
      terminated += await terminate(applicationName);
    }
    await untilDone(done + 40);
    stop = true;
    await Promise.all(workers);

    expect(terminated).toBeGreaterThan(0);
    expect(server.process.exitCode).toBeNull();
    // Whatever failed failed as storage_unavailable, never as a crash or a 500.
    expect([...statuses.keys()].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    for (const body of bodies) expect(JSON.parse(body).error.code).toBe('storage_unavailable');
    const next = await fetch(thread());
    expect(next.status).toBe(200);
    expect(((await next.json()) as { comments: unknown[] }).comments).toHaveLength(3);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('answers a read right after its idle connections were terminated (a new connection, a retry)', async () => {
    expect((await fetch(thread())).status).toBe(200);
    expect(await terminate(applicationName)).toBeGreaterThan(0);
    const response = await fetch(thread());
    expect(response.status).toBe(200);
    expect(server.process.exitCode).toBeNull();
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
