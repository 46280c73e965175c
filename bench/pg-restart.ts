/**
 * npx tsx bench/pg-restart.ts [-- --postgres URL] [--seconds N] [--rounds N]
 *
 * What readers see when PostgreSQL drops every connection of a running server (what a database
 * restart or a failover does to it), measured on the real thing: server/main.ts in its own
 * process on a schema of its own, 6 readers loading a thread and 6 writers posting comments (each
 * as one of 200 signed-in readers on a network of its own, TRUST_PROXY=1), and every few seconds
 * all the server's backends terminated (pg_terminate_backend, found by application_name; nothing
 * else on the database is touched). Bounded: --rounds terminations (3), --seconds between them (4).
 *
 * Prints per round: the backends ended, the answers in the second that followed by status and
 * code, transport errors (a dropped HTTP connection, which would mean the process died), and the
 * time from the termination to the last failed request and to the first success after it.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createSession } from '../server/auth/sessions.ts';
import { randomId } from '../server/ids.ts';
import { DEMO_PAGE_KEY } from '../server/routes/demo.ts';
import { createDb } from '../server/storage/db.ts';
import { insertUser } from '../server/storage/users.ts';
import { startServer } from '../test/helpers/child-server.ts';

const { values: args } = parseArgs({
  options: {
    postgres: { type: 'string' },
    seconds: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    port: { type: 'string', default: '18150' },
  },
});
const baseUrl = args.postgres ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const rounds = Math.min(10, Number(args.rounds));
const gapMs = Math.min(20, Number(args.seconds)) * 1000;
const USERS = 200;

async function admin<R extends pg.QueryResultRow>(query: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return (await client.query<R>(query, values)).rows;
  } finally {
    await client.end();
  }
}

/** Reads the pids first and ends them one by one, so no other backend can be hit. */
async function terminate(applicationName: string): Promise<number> {
  const rows = await admin<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [
    applicationName,
  ]);
  let ended = 0;
  for (const { pid } of rows) {
    const [row] = await admin<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [pid]);
    if (row?.ok) ended++;
  }
  return ended;
}

interface Outcome {
  at: number;
  kind: 'read' | 'write';
  /** "200", "201", "503 storage_unavailable", "429 rate_limited", "transport ECONNRESET". */
  result: string;
  ok: boolean;
}

const schema = `pikir_bench_${randomId(6)
  .toLowerCase()
  .replace(/[^a-z0-9]/g, 'x')}`;
const applicationName = `pikir-bench-${schema}`;
await admin(`create schema ${schema}`);
const url = new URL(baseUrl);
url.searchParams.set('options', `-c search_path=${schema}`);
url.searchParams.set('application_name', applicationName);
const server = await startServer(Number(args.port), { DATABASE_URL: url.href, TRUST_PROXY: '1' });
const seed = createDb(baseUrl, { schema, applicationName: `${applicationName}-seed` });
const outcomes: Outcome[] = [];
let stop = false;
try {
  const readers = Array.from({ length: USERS }, (_, i) => ({
    id: randomId(),
    token: '',
    ip: `10.9.${i >> 8}.${i & 255}`,
  }));
  for (const reader of readers) {
    await insertUser(seed.db, { id: reader.id, displayName: `Reader ${reader.ip}` }, Date.now());
    reader.token = await createSession(seed.db, reader.id, 'demo', Date.now());
  }
  await seed.close();

  let nextReader = 0;
  let posted = 0;
  const record = (kind: Outcome['kind'], result: string, ok: boolean) =>
    outcomes.push({ at: performance.now(), kind, result, ok });
  const answer = async (response: Response) => {
    const body = await response.text();
    if (response.ok) return String(response.status);
    try {
      return `${response.status} ${(JSON.parse(body) as { error: { code: string } }).error.code}`;
    } catch {
      return `${response.status} (not JSON)`;
    }
  };
  const read = async () => {
    while (!stop) {
      try {
        const response = await fetch(`${server.url}/api/sites/demo/comments?page=${DEMO_PAGE_KEY}`);
        record('read', await answer(response), response.ok);
      } catch (error) {
        record(
          'read',
          `transport ${String((error as { cause?: { code?: string } }).cause?.code ?? error)}`,
          false,
        );
      }
    }
  };
  const write = async () => {
    while (!stop) {
      const reader = readers[nextReader++ % USERS]!;
      try {
        const response = await fetch(`${server.url}/api/sites/demo/comments`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${reader.token}`,
            'x-forwarded-for': reader.ip,
          },
          body: JSON.stringify({ page: DEMO_PAGE_KEY, title: 'Bench', url: '', text: `comment ${posted++}` }),
        });
        const result = await answer(response);
        // A reader's own 10-second pace is the rule working, not a fault.
        record('write', result, response.ok || result === '429 rate_limited');
      } catch (error) {
        record(
          'write',
          `transport ${String((error as { cause?: { code?: string } }).cause?.code ?? error)}`,
          false,
        );
      }
    }
  };
  const load = [...Array.from({ length: 6 }, read), ...Array.from({ length: 6 }, write)];
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  await pause(gapMs);
  const terminations: { at: number; ended: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    const at = performance.now();
    terminations.push({ at, ended: await terminate(applicationName) });
    await pause(gapMs);
  }
  stop = true;
  await Promise.all(load);

  const tally = (list: Outcome[]) => {
    const counts = new Map<string, number>();
    for (const o of list) counts.set(`${o.kind} ${o.result}`, (counts.get(`${o.kind} ${o.result}`) ?? 0) + 1);
    return [...counts].map(([k, n]) => `${k}: ${n}`).join(', ');
  };
  const steady = outcomes.filter((o) => o.at < terminations[0]!.at);
  console.log(`steady load before the first termination: ${steady.length} requests; ${tally(steady)}`);
  for (const [i, t] of terminations.entries()) {
    const end = terminations[i + 1]?.at ?? Number.POSITIVE_INFINITY;
    const window = outcomes.filter((o) => o.at >= t.at && o.at < end);
    const failed = window.filter((o) => !o.ok);
    const lastFailure = failed.at(-1);
    const firstSuccessAfter = window.find((o) => o.ok && (!lastFailure || o.at > lastFailure.at));
    const second = window.filter((o) => o.at < t.at + 1000);
    console.log(
      `round ${i + 1}: ${t.ended} backends ended; in the next second ${second.length} requests (${tally(second)}); ` +
        `failed in the round: ${failed.length} of ${window.length}` +
        (lastFailure
          ? `; last failure ${(lastFailure.at - t.at).toFixed(0)} ms after, recovered (next success) at ${((firstSuccessAfter?.at ?? Number.NaN) - t.at).toFixed(0)} ms`
          : '; no request failed'),
    );
  }
  const alive = server.process.exitCode === null;
  const transport = outcomes.filter((o) => o.result.startsWith('transport')).length;
  console.log(
    `server process alive at the end: ${alive}; transport errors: ${transport}; total ${outcomes.length}`,
  );
  const logged = server.lines.filter((l) => /storage/.test(l));
  console.log(`server log lines about storage: ${logged.length}; e.g.\n  ${logged.slice(0, 6).join('\n  ')}`);
} finally {
  stop = true;
  await server.stop();
  await admin(`drop schema if exists ${schema} cascade`);
}
