/**
 * npm run bench [-- --quick] [-- --postgres URL] [-- --port N] [-- --skip-browser]
 *
 * Seeds (or reuses) a database of 1,000,000 comments over 100,000 pages (--quick: 100,000 over
 * 10,000) straight into the tables, starts the real app and a plain Hono server answering the
 * same thread JSON from memory, each in a process of its own, and prints side by side:
 *   - thread reads (anonymous first page): req/s, p50/p99, server CPU µs per request;
 *   - uncached reads of random pages, and a signed-in reader's (private) reads;
 *   - revalidation with If-None-Match: req/s and the share of 304s;
 *   - posts per second through the API by many signed-in readers (sessions made in the database),
 *     and the p99 of random-page reads against idle, read by a probe at a fixed rate, while posts
 *     come at the goal's even 300 a second and while they come flat out (readers arrive on their
 *     own: a load that sends as fast as it is answered measures capacity, and its latency is its
 *     own queue);
 *   - bytes on the wire for the reading path, the account flows and a 100-comment thread, plain,
 *     gzip and br.
 * SQLite lives in .bench/ (git-ignored); PostgreSQL in a schema of its own (pikir_bench or
 * pikir_bench_quick), kept for the next run. Every load is bounded in requests and in seconds.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { APP_ENTRY } from '../scripts/build-manifest.ts';
import { AUTH_CHUNK, INTERACTIVE_CHUNK, measureBundles } from '../scripts/bundle-size.ts';
import { createDb, migrate } from '../server/storage/db.ts';
import { createSite } from '../server/storage/sites.ts';
import {
  cpuUs,
  type Load,
  makeReaders,
  ORIGIN,
  type PacedRequest,
  paced,
  postRequest,
  randomPageKey,
  SITE,
  seededDatabase,
  serverStats,
  startServer,
} from './parts.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    postgres: { type: 'string' },
    // The real app listens on N, the plain server on N + 1 (runs side by side need their own).
    port: { type: 'string', default: '18301' },
    // The server figures only, without the browser benchmark that follows them.
    'skip-browser': { type: 'boolean', default: false },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const QUICK = args.quick;
const SEEDED = seededDatabase(root, QUICK);
const PAGES = SEEDED.pages;
const PER_PAGE = 10;
const USERS = 10_000;
const HOT = 'hot-100';
const PORT_REAL = Number(args.port);
const PORT_PLAIN = PORT_REAL + 1;
const SECONDS = QUICK ? 5 : 10;
/** Posts per second of the paced posting load: the goal's rate. */
const POST_RATE = 300;
/**
 * Posting before it is measured, as the reads are warmed before theirs: a fresh server's first
 * half second of posts (compiling the posting path, preparing its statements, opening the pool's
 * connections) took 50–150 ms each on PostgreSQL and set the p99 of the posts and of the reads
 * beside them.
 */
const WARM_POST_SECONDS = 2;
/**
 * Readers who post, one post each (the per-reader limits allow no more): enough for the warm-up,
 * the paced window and 1,500 posts a second through the flat-out one, so that the probe measures
 * posting from end to end.
 */
const POSTERS = SECONDS * 1800 + WARM_POST_SECONDS * POST_RATE;
/** Reads per second of the latency probe: a small share of what one instance answers. */
const PROBE_RATE = 100;
const PG_URL = args.postgres;
const SCHEMA = SEEDED.schema;
const T0 = Date.UTC(2026, 0, 1);
const TEXT = 'Интересная статья, спасибо. Но с выводами автора о ценах на жильё в Алматы я не согласен: ';

// ---- seeding ------------------------------------------------------------------------------------

interface Row {
  id: string;
  page: string;
  parent: string | null;
  author: string;
  text: string;
  at: number;
}

const authorOf = (k: number) => `u${((k % USERS) + USERS) % USERS}`;

/** Page i: six top-level comments, four replies under the first two. The hot page: 20 × (1 + 4). */
function* commentsOf(pageIndex: number): Generator<Row> {
  const page = pageIndex < 0 ? HOT : `p${pageIndex}`;
  const base = T0 + (pageIndex + 1) * 20;
  const tops = pageIndex < 0 ? 20 : 6;
  const repliesPer = pageIndex < 0 ? 4 : [2, 2];
  let n = 0;
  for (let t = 0; t < tops; t++) {
    const top = `c${page}-${t}`;
    yield {
      id: top,
      page,
      parent: null,
      author: authorOf(pageIndex * 7 + t),
      text: `${TEXT}${page} #${t}`,
      at: base + n++,
    };
    const replies = typeof repliesPer === 'number' ? repliesPer : (repliesPer[t] ?? 0);
    for (let r = 0; r < replies; r++) {
      yield {
        id: `${top}-${r}`,
        page,
        parent: top,
        author: authorOf(pageIndex * 7 + t + r + 1),
        text: `Ответ ${r}: ${TEXT}`,
        at: base + n++,
      };
    }
  }
}

async function prepareSqlite(path: string): Promise<void> {
  mkdirSync(join(root, '.bench'), { recursive: true });
  if (existsSync(path)) {
    const db = new SqliteDatabase(path, { readonly: true });
    const pages = (db.prepare('select count(*) as n from pages').get() as { n: number }).n;
    db.close();
    if (pages === PAGES + 1) {
      // A database seeded by older code gets the migrations added since.
      const storage = createDb(path);
      await migrate(storage.db);
      await storage.close();
      return console.log(`reusing ${path}`);
    }
    throw new Error(`${path} is not a complete benchmark database: delete it and run again`);
  }
  const storage = createDb(path);
  await migrate(storage.db);
  await createSite(storage.db, { id: SITE, name: 'News', origins: [ORIGIN] }, T0);
  await storage.close();
  const started = Date.now();
  const db = new SqliteDatabase(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const user = db.prepare('insert into users (id, display_name, created_at) values (?, ?, ?)');
  const page = db.prepare(
    'insert into pages (site_id, page_key, title, url, comment_count, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, 1)',
  );
  const comment = db.prepare(
    `insert into comments (id, site_id, page_key, parent_id, author_id, text, status, created_at) values (?, '${SITE}', ?, ?, ?, ?, 'published', ?)`,
  );
  db.transaction(() => {
    for (let u = 0; u < USERS; u++) user.run(`u${u}`, `Читатель ${u}`, T0);
    for (let p = -1; p < PAGES; p++) {
      const key = p < 0 ? HOT : `p${p}`;
      page.run(SITE, key, `Статья ${key}`, `${ORIGIN}/${key}`, p < 0 ? 100 : PER_PAGE, T0, T0);
      for (const c of commentsOf(p)) comment.run(c.id, c.page, c.parent, c.author, c.text, c.at);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  console.log(
    `seeded ${path}: ${PAGES * PER_PAGE + 100} comments in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

async function preparePostgres(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_namespace where nspname = $1', [SCHEMA]);
    if (exists.rowCount) {
      const n = await admin.query(`select count(*)::int as n from ${SCHEMA}.pages`).catch(() => null);
      if (n?.rows[0]?.n === PAGES + 1) {
        const storage = createDb(url, { schema: SCHEMA });
        await migrate(storage.db, SCHEMA);
        await storage.close();
        return console.log(`reusing schema ${SCHEMA}`);
      }
      await admin.query(`drop schema ${SCHEMA} cascade`);
    }
    await admin.query(`create schema ${SCHEMA}`);
  } finally {
    await admin.end();
  }
  const storage = createDb(url, { schema: SCHEMA });
  await migrate(storage.db, SCHEMA);
  await createSite(storage.db, { id: SITE, name: 'News', origins: [ORIGIN] }, T0);
  await storage.close();
  const started = Date.now();
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${SCHEMA}` });
  await client.connect();
  try {
    await client.query('set synchronous_commit = off');
    await client.query(
      `insert into users (id, display_name, created_at)
       select 'u' || g, 'Читатель ' || g, $1 from generate_series(0, $2 - 1) g`,
      [T0, USERS],
    );
    const batch: Row[] = [];
    const pageKeys: string[] = [];
    const pageCounts: number[] = [];
    const flush = async () => {
      await client.query(
        `insert into pages (site_id, page_key, title, url, comment_count, created_at, updated_at, version)
         select '${SITE}', k, 'Статья ' || k, '${ORIGIN}/' || k, n, $3, $3, 1
         from unnest($1::text[], $2::int[]) as t(k, n)`,
        [pageKeys, pageCounts, T0],
      );
      await client.query(
        `insert into comments (id, site_id, page_key, parent_id, author_id, text, status, created_at)
         select id, '${SITE}', page, parent, author, text, 'published', at
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
           as t(id, page, parent, author, text, at)`,
        [
          batch.map((c) => c.id),
          batch.map((c) => c.page),
          batch.map((c) => c.parent),
          batch.map((c) => c.author),
          batch.map((c) => c.text),
          batch.map((c) => c.at),
        ],
      );
      batch.length = 0;
      pageKeys.length = 0;
      pageCounts.length = 0;
    };
    for (let p = -1; p < PAGES; p++) {
      pageKeys.push(p < 0 ? HOT : `p${p}`);
      pageCounts.push(p < 0 ? 100 : PER_PAGE);
      for (const c of commentsOf(p)) batch.push(c);
      if (batch.length >= 20_000) await flush();
    }
    if (batch.length) await flush();
    // Vacuumed as autovacuum keeps a live database: a bulk load leaves no visibility map and no
    // hint bits, and the first reads of every row would otherwise write them during the loads.
    await client.query('vacuum (analyze)');
  } finally {
    await client.end();
  }
  console.log(
    `seeded schema ${SCHEMA}: ${PAGES * PER_PAGE + 100} comments in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

// ---- servers and load -----------------------------------------------------------------------------

type Setup = (request: {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}) => {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
};

async function load(
  port: number,
  o: {
    path?: string;
    connections: number;
    seconds: number;
    amount: number;
    headers?: Record<string, string>;
    setup?: Setup;
    method?: string;
  },
): Promise<Load> {
  const before = await cpuUs(port);
  const statuses: Record<string, number> = {};
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: o.connections,
    duration: o.seconds,
    maxOverallRequests: o.amount,
    timeout: 20,
    headers: o.headers ?? {},
    requests: [
      {
        method: (o.method ?? 'GET') as 'GET',
        path: o.path ?? '/',
        ...(o.setup ? { setupRequest: o.setup as never } : {}),
      },
    ],
  });
  (instance as unknown as EventEmitter).on('response', (_client: unknown, status: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  const after = await serverStats(port);
  const cpu = after.us - before;
  const reqs = result.requests.total;
  return {
    reqs,
    rps: reqs / (result.duration || o.seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpu: reqs ? cpu / reqs : 0,
    statuses,
    errors: result.errors + result.timeouts,
    stallMs: after.loopMaxMs,
    gcMs: after.gcMaxMs,
  };
}

const threadPath = (page: string) => `/api/sites/${SITE}/comments?page=${encodeURIComponent(page)}`;
const randomPage = () => randomPageKey(PAGES);

// ---- bytes on the wire -------------------------------------------------------------------------------

async function wire(port: number, paths: string[]): Promise<{ plain: number; gzip: number; br: number }> {
  const sizes = { plain: 0, gzip: 0, br: 0 };
  for (const [key, encoding] of [
    ['plain', 'identity'],
    ['gzip', 'gzip'],
    ['br', 'br, gzip'],
  ] as const) {
    for (const path of paths) {
      // undici's fetch would decode; count the bytes as they come over the socket.
      const bytes = await rawBytes(port, path, encoding);
      sizes[key] += bytes;
    }
  }
  return sizes;
}

async function rawBytes(port: number, path: string, encoding: string): Promise<number> {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': encoding, Origin: ORIGIN } },
      (res) => {
        let n = 0;
        if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode}`));
        res.on('data', (d: Buffer) => {
          n += d.length;
        });
        res.on('end', () => resolve(n));
      },
    );
    req.on('error', reject);
  });
}

// ---- the run --------------------------------------------------------------------------------------------

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const f0 = (n: number) => n.toFixed(0).padStart(7);
const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);

function row(name: string, l: Load): string {
  const other = Object.entries(l.statuses)
    .filter(([s]) => s !== '200')
    .map(([s, n]) => `${s}:${n}`)
    .join(' ');
  return `${name.padEnd(34)} ${f0(l.rps)} req/s  p50 ${ms(l.p50)}  p99 ${ms(l.p99)}  ${f0(l.cpu)} µs CPU/req  (${l.reqs} reqs${other ? `, ${other}` : ''}${l.errors ? `, ${l.errors} errors` : ''})`;
}

async function main() {
  const engine = PG_URL ? 'postgres' : 'sqlite';
  const dbUrl = PG_URL ?? SEEDED.sqliteFile;
  if (PG_URL) await preparePostgres(PG_URL);
  else await prepareSqlite(dbUrl);
  if (!existsSync(join(root, 'dist', 'embed.js'))) {
    spawnSync('npm', ['run', '--silent', 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }

  const children: ChildProcess[] = [];
  const stop = () => {
    for (const child of children) child.kill();
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  const deadline = setTimeout(() => {
    console.error('benchmark wall-time limit reached');
    stop();
    process.exit(2);
  }, 15 * 60_000);
  try {
    const readers = await makeReaders(dbUrl, PG_URL ? SCHEMA : undefined, POSTERS + 50);
    const posters = readers.slice(50);
    const signed = readers.slice(0, 50);
    children.push(await startServer(root, ['real', String(PORT_REAL), dbUrl, ...(PG_URL ? [SCHEMA] : [])]));
    const hot = await fetch(`http://127.0.0.1:${PORT_REAL}${threadPath(HOT)}`, {
      headers: { Origin: ORIGIN },
    });
    const hotJson = await hot.text();
    const etag = hot.headers.get('etag')!;
    // Outside the repository: biome would check a .json under it.
    const jsonFile = join(tmpdir(), `pikir-bench-${process.pid}.json`);
    writeFileSync(jsonFile, hotJson);
    children.push(await startServer(root, ['plain', String(PORT_PLAIN), jsonFile]));

    const head = `Pikir bench on ${engine}${QUICK ? ' (quick)' : ''}: ${PAGES * PER_PAGE + 100} comments on ${PAGES + 1} pages; thread JSON ${kb(hotJson.length)}; ${SECONDS} s per load, 50 connections unless said`;
    console.log(`\n${head}\n${'-'.repeat(head.length)}`);
    const reading = { connections: 50, seconds: SECONDS, amount: 400_000 };
    // Warm both (JIT, caches), then measure, alternating.
    await load(PORT_PLAIN, { ...reading, seconds: 2, path: threadPath(HOT) });
    await load(PORT_REAL, { ...reading, seconds: 2, path: threadPath(HOT), headers: { Origin: ORIGIN } });
    const plain = await load(PORT_PLAIN, { ...reading, path: threadPath(HOT) });
    const real = await load(PORT_REAL, { ...reading, path: threadPath(HOT), headers: { Origin: ORIGIN } });
    console.log(row('plain Hono, same JSON from memory', plain));
    console.log(row('Pikir anonymous thread read', real));
    console.log(
      `  anonymous read / plain Hono: ${((100 * real.rps) / plain.rps).toFixed(1)} % of req/s (goal ≥ 50 %)`,
    );
    const revalidate = await load(PORT_REAL, {
      ...reading,
      path: threadPath(HOT),
      headers: { Origin: ORIGIN, 'If-None-Match': etag },
    });
    console.log(row('Pikir If-None-Match (unchanged)', revalidate));
    console.log(
      `  304 rate: ${((100 * (revalidate.statuses['304'] ?? 0)) / Math.max(1, revalidate.reqs)).toFixed(1)} %`,
    );
    let s = 0;
    const signedIn = await load(PORT_REAL, {
      ...reading,
      path: threadPath(HOT),
      setup: (req) => ({
        ...req,
        headers: {
          ...req.headers,
          Origin: ORIGIN,
          Authorization: `Bearer ${signed[s++ % signed.length]!.token}`,
        },
      }),
    });
    console.log(row('Pikir signed-in read (private)', signedIn));
    const randomRead = (seconds: number) =>
      load(PORT_REAL, {
        connections: 10,
        seconds,
        amount: 200_000,
        setup: (req) => ({
          ...req,
          path: threadPath(randomPage()),
          headers: { ...req.headers, Origin: ORIGIN },
        }),
      });
    const idle = await randomRead(SECONDS);
    console.log(row('random pages, 10 conns, idle', idle));
    // Readers arrive on their own, not when the previous answer came: the latency readers see is
    // measured by a probe that sends at a fixed pace, well below capacity: idle, then beside each
    // posting load (autocannon's own rate sends each second's requests at once, a burst).
    const probe = () =>
      paced(PORT_REAL, PROBE_RATE, SECONDS, () => ({
        path: threadPath(randomPage()),
        headers: { Origin: ORIGIN },
      }));
    const probeIdle = await probe();
    console.log(row(`random pages, ${PROBE_RATE}/s probe, idle`, probeIdle));

    // Each poster posts once; a post goes to a random page, as readers all over the site would.
    let p = 0;
    const post = (): PacedRequest => {
      const who = posters[p++ % posters.length]!;
      return postRequest(who, randomPage(), `${TEXT} ${p}`);
    };
    const ratio = (busy: Load) => `${(busy.p99 / Math.max(probeIdle.p99, 0.001)).toFixed(2)}×`;
    const holds = (busy: Load) =>
      `event loop held at most ${busy.stallMs.toFixed(0)} ms at once, the longest GC pause ${busy.gcMs.toFixed(0)} ms`;

    // Reads while posting at the goal's rate, both at an even pace: what readers see on a site
    // that takes 300 posts a second. Posting is warmed first (WARM_POST_SECONDS).
    await paced(PORT_REAL, POST_RATE, WARM_POST_SECONDS, post);
    const pacedPosts = paced(PORT_REAL, POST_RATE, SECONDS, post);
    const busyPaced = await probe();
    const postsPaced = await pacedPosts;
    console.log(row(`random pages, ${PROBE_RATE}/s probe, ${POST_RATE} posts/s`, busyPaced));
    console.log(row(`posts, ${POST_RATE}/s at an even pace`, postsPaced));
    console.log(
      `  read p99 while posting ${POST_RATE}/s / idle: ${ratio(busyPaced)} (goal ≤ 2×); ${holds(busyPaced)}`,
    );

    // Capacity: as many posts as the server takes (32 readers, each posting when answered).
    const posting = load(PORT_REAL, {
      connections: 32,
      seconds: SECONDS,
      amount: posters.length - p,
      method: 'POST',
      setup: (req) => ({ ...req, ...post() }),
    });
    const busy = await probe();
    const posts = await posting;
    console.log(row(`random pages, ${PROBE_RATE}/s probe, posting flat out`, busy));
    console.log(row('posts (32 conns, a reader each)', posts));
    console.log(
      `  posts/s at ${PAGES * PER_PAGE + 100}: ${((posts.statuses['201'] ?? 0) / (posts.reqs / posts.rps || 1)).toFixed(0)} created/s (goal ≥ 300); read p99 posting flat out / idle: ${ratio(busy)}; ${holds(busy)}`,
    );

    const lines = measureBundles(join(root, 'dist'));
    // The reading path's files include embed.js (scripts/bundle-size.ts).
    const readingFiles = lines.find((l) => l.name === 'reading path (ru)')?.files ?? [];
    const authFiles = lines.find((l) => l.name === `lazy ${AUTH_CHUNK}`)?.files ?? [];
    const interactiveFiles = lines.find((l) => l.name === `lazy ${INTERACTIVE_CHUNK}`)?.files ?? [];
    const show = (name: string, w: { plain: number; gzip: number; br: number }) =>
      console.log(
        `${name.padEnd(34)} ${kb(w.plain).padStart(9)} plain  ${kb(w.gzip).padStart(9)} gzip  ${kb(w.br).padStart(9)} br`,
      );
    console.log(`bytes on the wire (${APP_ENTRY} and its static imports, ru):`);
    show(
      '  reading path (JS/CSS)',
      await wire(
        PORT_REAL,
        readingFiles.map((f) => `/${f}`),
      ),
    );
    show(
      '  interactive (thread in view)',
      await wire(
        PORT_REAL,
        interactiveFiles.map((f) => `/${f}`),
      ),
    );
    show(
      '  account flows (lazy)',
      await wire(
        PORT_REAL,
        authFiles.map((f) => `/${f}`),
      ),
    );
    show('  100-comment thread (JSON)', await wire(PORT_REAL, [threadPath(HOT)]));
  } finally {
    clearTimeout(deadline);
    stop();
    rmSync(join(tmpdir(), `pikir-bench-${process.pid}.json`), { force: true });
  }
  if (!args['skip-browser'] && existsSync(join(root, 'bench', 'browser.ts'))) {
    spawnSync('npm', ['run', '--silent', 'bench:browser'], { cwd: root, stdio: 'inherit' });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
