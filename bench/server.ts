/**
 * One server of `npm run bench` (bench/index.ts starts it as a child process, so that the load
 * generator does not share its event loop):
 *   tsx bench/server.ts real  PORT DATABASE_URL [SCHEMA]   the real app, as main.ts builds it
 *   tsx bench/server.ts plain PORT JSON_FILE               plain Hono answering that JSON from memory
 * Both answer GET /__bench/cpu with the process's CPU time so far (µs), for CPU per request, and
 * the event loop's longest and p99 delay and the longest GC pause since the last
 * GET /__bench/cpu?start (which starts them over: loads that run side by side read one window).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pino from 'pino';
import { createApp } from '../server/app.ts';
import { loadAssets } from '../server/assets.ts';
import { defaultChallengeConfig } from '../server/auth/challenge.ts';
import { systemClock } from '../server/clock.ts';
import { defaultSmsLimits } from '../server/config.ts';
import { deliveryFromConfig } from '../server/delivery/from-config.ts';
import { createOutbox } from '../server/delivery/log.ts';
import { socketClientIp } from '../server/http/client-ip.ts';
import { pinoLogger } from '../server/logger.ts';
import { createDb } from '../server/storage/db.ts';

const [mode, port, source, schema] = process.argv.slice(2);

// How long the event loop was held at once (a synchronous fsync, a long statement): every read
// waiting meanwhile waits that long. Reset when a load starts, so that it reads its own window.
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();

// The longest garbage collection pause in that window: one cause of those holds.
let gcMaxMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, entry.duration);
}).observe({ entryTypes: ['gc'] });

function cpu(start: boolean): Response {
  const { user, system } = process.cpuUsage();
  const stalls = { loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6, gcMaxMs };
  if (start) {
    loop.reset();
    gcMaxMs = 0;
  }
  return Response.json({ us: user + system, ...stalls });
}

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

/** The app's fetch, with the node-server bindings (the socket, for client addresses) passed on. */
function withCpu(fetch: Fetch): Fetch {
  return (request, env) => {
    const url = new URL(request.url);
    return url.pathname === '/__bench/cpu' ? cpu(url.searchParams.has('start')) : fetch(request, env);
  };
}

if (mode === 'plain') {
  const json = readFileSync(source!, 'utf8');
  const app = new Hono();
  app.get('/api/sites/:site/comments', (c) => c.body(json, 200, { 'Content-Type': 'application/json' }));
  serve({ fetch: withCpu(app.fetch), port: Number(port), hostname: '127.0.0.1' }, () => console.log('ready'));
} else {
  // Prepared unless PG_PREPARED_STATEMENTS=off, as in the server, to compare with and without them.
  const storage = createDb(source!, {
    ...(schema ? { schema } : {}),
    preparedStatements: process.env.PG_PREPARED_STATEMENTS !== 'off',
  });
  // Logged as in production (a JSON line per request), to a sink, not to the benchmark's terminal.
  const log = pinoLogger(
    'info',
    pino.destination({ dest: process.env.BENCH_LOG === 'stdout' ? 1 : '/dev/null', sync: false }),
  );
  const outbox = createOutbox();
  const delivery = deliveryFromConfig({ sms: { provider: 'log' }, smtp: null }, outbox, log, systemClock.now);
  const app = createApp({
    db: storage.db,
    clock: systemClock,
    assets: loadAssets(fileURLToPath(new URL('../dist', import.meta.url))),
    publicUrl: `http://127.0.0.1:${port}`,
    log,
    delivery: delivery.delivery,
    secret: randomBytes(32),
    // Readers come from many addresses: the benchmark says which in X-Forwarded-For.
    clientIp: socketClientIp(1),
    admins: [],
    outbox: null,
    verifyLogin: async () => null,
    smsLimits: defaultSmsLimits,
    challenge: defaultChallengeConfig,
  });
  serve({ fetch: withCpu(app.fetch), port: Number(port), hostname: '127.0.0.1' }, () => console.log('ready'));
}
