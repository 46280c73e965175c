/**
 * Real HTTP servers on loopback for browser tests: Pikir itself (real app, built widget,
 * in-memory SQLite) and a "host site" on another port, that is, another origin.
 */

import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from '../../server/app.ts';
import { loadAssets } from '../../server/assets.ts';
import { defaultChallengeConfig } from '../../server/auth/challenge.ts';
import { throttledVerifyLogin } from '../../server/auth/verify-login.ts';
import { type Clock, systemClock } from '../../server/clock.ts';
import type { Config } from '../../server/config.ts';
import { defaultSmsLimits } from '../../server/config.ts';
import { deliveryFromConfig } from '../../server/delivery/from-config.ts';
import { createOutbox, type Outbox } from '../../server/delivery/log.ts';
import { notificationWorker } from '../../server/delivery/notification-worker.ts';
import type { ClientIp } from '../../server/http/client-ip.ts';
import { type LiveLimits, LiveThreads } from '../../server/live/hub.ts';
import { createDb, migrate, type Storage } from '../../server/storage/db.ts';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

export interface RunningPikir {
  url: string;
  storage: Storage;
  logs: string[];
  outbox: Outbox;
  /** The instance's live-thread fan-out: its open streams. */
  live: LiveThreads;
  close(): Promise<void>;
}

export interface PikirOptions {
  /** The real transports, as from the environment; default: the log transports and the outbox. */
  transports?: Pick<Config, 'sms' | 'smtp'>;
  admins?: string[];
  /** The server's time; default: the system clock. A test can move it to pass the server's waits. */
  clock?: Clock;
  /** PUBLIC_URL, when a proxy in front serves it (test/e2e/nginx.test.ts); default: the server's own URL. */
  publicUrl?: string;
  /** How the client's address is read; default: every request is 127.0.0.1. */
  clientIp?: ClientIp;
  /** An SQLite file (the browser benchmark); default: an in-memory database. */
  database?: string;
  /** A database opened and migrated by the test (another instance's, on PostgreSQL); not closed here. */
  storage?: Storage;
  /** The live thread's caps and timings (server/live/hub.ts). */
  live?: Partial<LiveLimits>;
  /** The built widget to serve (the browser benchmark's other checkout); default: this one's dist/. */
  assets?: string;
}

export async function startPikir(options: PikirOptions = {}): Promise<RunningPikir> {
  const clock = options.clock ?? systemClock;
  const storage = options.storage ?? createDb(options.database ?? ':memory:');
  if (!options.storage) await migrate(storage.db);
  const logs: string[] = [];
  const outbox = createOutbox();
  const transports = deliveryFromConfig(
    options.transports ?? { sms: { provider: 'log' }, smtp: null },
    outbox,
    (line) => logs.push(line),
    () => clock.now(),
  );
  const secret = randomBytes(32);
  let app: ReturnType<typeof createApp> | undefined;
  const server = serve({ fetch: (request, env) => app!.fetch(request, env), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const live = new LiveThreads({
    db: storage.db,
    clock,
    log: (line) => logs.push(line),
    listen: storage.listen,
    limits: options.live,
  });
  app = createApp({
    live,
    db: storage.db,
    clock,
    assets: loadAssets(options.assets ?? dist),
    publicUrl: options.publicUrl ?? url,
    log: (line) => logs.push(line),
    admins: options.admins ?? [],
    clientIp: options.clientIp ?? (() => '127.0.0.1'),
    delivery: transports.delivery,
    secret,
    outbox,
    verifyLogin: throttledVerifyLogin(storage.db, clock),
    smsLimits: defaultSmsLimits,
    // The real work: the browser tests solve challenges as readers' browsers do.
    challenge: defaultChallengeConfig,
  });
  // Reply emails go out as on a real server, a round every 200 ms.
  const replyEmails = notificationWorker({
    db: storage.db,
    clock,
    serverKey: secret,
    publicUrl: options.publicUrl ?? url,
    email: transports.delivery,
    log: (line) => logs.push(line),
  });
  replyEmails.start(200);
  return {
    url,
    storage,
    logs,
    outbox,
    live,
    close: async () => {
      await replyEmails.stop();
      transports.close();
      await live.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.storage) await storage.close();
    },
  };
}

export interface HostSite {
  url: string;
  /** Serves `html` at `path` from now on. */
  page(path: string, html: string): string;
  close(): Promise<void>;
}

export async function startHostSite(): Promise<HostSite> {
  const pages = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const html = pages.get(new URL(request.url ?? '/', 'http://x').pathname);
    response.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    page: (path, html) => {
      pages.set(path, html);
      return `${url}${path}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
