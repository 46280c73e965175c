/**
 * `npm run bench:sse`: one Pikir server (the real app over SQLite, in a process of its own)
 * holding 10,000 idle live-thread streams of one page on loopback. Prints the server's RSS and
 * heap before and after (after a full GC), per stream, and how long one new comment takes to
 * reach every stream. Bounded: gives up after BENCH_SSE_TIMEOUT_S (default 180 s).
 *
 *   SSE_STREAMS=10000  BENCH_SSE_PORT=9250  npm run bench:sse
 *
 * Each stream is a socket in both processes: each one's file-descriptor limit must hold the
 * streams plus a margin. The script raises its soft limit up to the hard one (ulimit -n) and re-runs itself;
 * when the hard limit is too low it says so and stops.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STREAMS = Number(process.env.SSE_STREAMS ?? 10_000);
const PORT = Number(process.env.BENCH_SSE_PORT ?? 9250);
const TIMEOUT_S = Number(process.env.BENCH_SSE_TIMEOUT_S ?? 180);
/** Streams opened at once: the listen backlog and the event loop stay comfortable. */
const OPENING_AT_ONCE = 200;
const SITE = 'bench';
const PAGE = 'live';

interface Memory {
  rss: number;
  heapUsed: number;
  streams: number;
}

type ServerMessage = { ready: true } | { memory: Memory } | { posted: number };

if (process.argv[2] === 'serve') {
  await serve(Number(process.argv[3]), process.argv[4]!);
} else {
  await main();
}

/** The server's process: the real app, a site, and IPC for memory readings and one post. */
async function serve(port: number, file: string) {
  const { randomBytes } = await import('node:crypto');
  const { serve: listen } = await import('@hono/node-server');
  const { createApp } = await import('../server/app.ts');
  const { noAssets } = await import('../server/assets.ts');
  const { systemClock } = await import('../server/clock.ts');
  const { deliveryFromConfig } = await import('../server/delivery/from-config.ts');
  const { createOutbox } = await import('../server/delivery/log.ts');
  const { LiveThreads } = await import('../server/live/hub.ts');
  const { openDatabase } = await import('../server/storage/db.ts');
  const { insertComment } = await import('../server/storage/comments.ts');
  const { createSite } = await import('../server/storage/sites.ts');
  const { randomId } = await import('../server/ids.ts');

  const storage = await openDatabase(file);
  const now = systemClock.now();
  await createSite(storage.db, { id: SITE, name: 'Bench', origins: ['http://127.0.0.1'] }, now);
  const authorId = randomId();
  await storage.db
    .insertInto('users')
    .values({
      id: authorId,
      display_name: 'Bench',
      email: null,
      phone: null,
      password_hash: null,
      created_at: now,
    })
    .execute();
  const log = () => {};
  // Loopback is one network: the per-network cap is lifted for the benchmark only.
  const live = new LiveThreads({
    db: storage.db,
    clock: systemClock,
    log,
    limits: { maxStreams: STREAMS + 100, perNetwork: STREAMS + 100 },
  });
  const outbox = createOutbox();
  const app = createApp({
    db: storage.db,
    clock: systemClock,
    assets: noAssets,
    publicUrl: `http://127.0.0.1:${port}`,
    log,
    delivery: deliveryFromConfig({ sms: { provider: 'log' }, smtp: null }, outbox, log, systemClock.now)
      .delivery,
    secret: randomBytes(32),
    clientIp: () => '127.0.0.1',
    admins: [],
    outbox: null,
    verifyLogin: async () => null,
    live,
  });
  const server = listen({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => send({ ready: true }));
  (server as unknown as { maxConnections?: number }).maxConnections = STREAMS * 2;
  process.on('message', async (message: { measure?: true; post?: true }) => {
    if (message.measure) {
      (globalThis as { gc?: () => void }).gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      send({ memory: { rss, heapUsed, streams: live.streams } });
    } else if (message.post) {
      const page = { siteId: SITE, pageKey: PAGE, title: 'Bench', url: 'http://127.0.0.1/live' };
      await insertComment(
        storage.db,
        { id: randomId(), page, parentId: null, authorId, text: 'news' },
        Date.now(),
      );
      send({ posted: Date.now() });
    }
  });
}

function send(message: ServerMessage) {
  process.send?.(message);
}

async function main() {
  // The limit is per process: the server and this client each hold one socket per stream.
  const needed = STREAMS + 1024;
  const soft = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
  if (soft < needed && !process.env.BENCH_SSE_RAISED) {
    const hard = spawnSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).stdout.trim();
    if (hard !== 'unlimited' && Number(hard) < needed) {
      console.error(
        `bench:sse needs ${needed} file descriptors per process (1 per stream); the hard limit is ${hard}. ` +
          `Raise it (ulimit -Hn as root, or LimitNOFILE) or run with SSE_STREAMS=${Number(hard) - 1024}.`,
      );
      process.exit(1);
    }
    console.log(`Raising the file-descriptor limit from ${soft} to ${needed} for this run.`);
    const self = fileURLToPath(import.meta.url);
    const rerun = spawnSync(
      'sh',
      ['-c', `ulimit -n ${needed} && exec "${process.execPath}" --import tsx "${self}"`],
      { stdio: 'inherit', env: { ...process.env, BENCH_SSE_RAISED: '1' } },
    );
    process.exit(rerun.status ?? 1);
  }

  const deadline = setTimeout(() => {
    console.error(`bench:sse gave up after ${TIMEOUT_S} s`);
    process.exit(1);
  }, TIMEOUT_S * 1000);
  const dir = mkdtempSync(join(tmpdir(), 'pikir-sse-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--expose-gc',
      fileURLToPath(import.meta.url),
      'serve',
      String(PORT),
      join(dir, 'bench.db'),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  try {
    await run(child);
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    clearTimeout(deadline);
  }
  // The client sockets go with the process.
  process.exit(0);
}

function next<T extends ServerMessage>(child: ChildProcess, key: keyof T): Promise<T> {
  return new Promise((resolve) => {
    const on = (message: ServerMessage) => {
      if (key in message) {
        child.off('message', on);
        resolve(message as T);
      }
    };
    child.on('message', on);
  });
}

async function measure(child: ChildProcess): Promise<Memory> {
  const answer = next<{ memory: Memory }>(child, 'memory');
  child.send({ measure: true });
  return (await answer).memory;
}

async function run(child: ChildProcess) {
  await next(child, 'ready');
  const before = await measure(child);

  let received = 0;
  let allReceived: () => void = () => {};
  const everyone = new Promise<void>((resolve) => {
    allReceived = resolve;
  });
  const open = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: PORT, path: `/api/sites/${SITE}/pages/events?page=${PAGE}`, agent: false },
        (res) => {
          if (res.statusCode !== 200) {
            reject(new Error(`a stream was refused: ${res.statusCode}`));
            return;
          }
          let seen = false;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (!seen && chunk.includes('event: comment')) {
              seen = true;
              if (++received === STREAMS) allReceived();
            }
          });
          resolve();
        },
      );
      req.on('error', reject);
      req.end();
    });

  const openedAt = performance.now();
  for (let i = 0; i < STREAMS; i += OPENING_AT_ONCE) {
    await Promise.all(Array.from({ length: Math.min(OPENING_AT_ONCE, STREAMS - i) }, open));
  }
  const openingMs = performance.now() - openedAt;
  // Every stream joined its room (the server counts it once its replay is done).
  let after = await measure(child);
  for (let tries = 0; after.streams < STREAMS && tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    after = await measure(child);
  }

  const postedAt = Date.now();
  const posted = next<{ posted: number }>(child, 'posted');
  child.send({ post: true });
  const committed = (await posted).posted;
  await everyone;
  const fannedOut = Date.now();

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const perStream = (bytes: number) => `${(bytes / STREAMS / 1024).toFixed(1)} KB`;
  console.log(
    `streams open on the server: ${after.streams} (asked ${STREAMS}), opened in ${(openingMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `server RSS:  before ${mb(before.rss)}, after ${mb(after.rss)}, per stream ${perStream(after.rss - before.rss)}`,
  );
  console.log(
    `server heap: before ${mb(before.heapUsed)}, after ${mb(after.heapUsed)}, per stream ${perStream(after.heapUsed - before.heapUsed)}`,
  );
  console.log(
    `one comment to all ${STREAMS} streams: ${fannedOut - postedAt} ms from the post ` +
      `(${committed - postedAt} ms to commit, ${fannedOut - committed} ms from the commit to the last stream, ` +
      'including up to 250 ms of the SQLite poller)',
  );
}
