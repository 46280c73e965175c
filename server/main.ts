/**
 * The composition root: the only place that reads process.env and opens sockets.
 * config -> database (checked, migrated) -> demo site (not in production) -> app -> listen;
 * SIGTERM/SIGINT: stop accepting, finish what is in flight (bounded), close the database, exit 0.
 */
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { loadAssets } from './assets.ts';
import { defaultChallengeConfig } from './auth/challenge.ts';
import { codeSecret } from './auth/secret.ts';
import { throttledVerifyLogin } from './auth/verify-login.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { alerter } from './delivery/alerts.ts';
import { deliveryFromConfig } from './delivery/from-config.ts';
import { createOutbox } from './delivery/log.ts';
import { notificationWorker } from './delivery/notification-worker.ts';
import { httpWebhookSender } from './delivery/webhook.ts';
import { webhookWorker } from './delivery/webhook-worker.ts';
import { ensureDemoSite } from './demo.ts';
import { socketClientIp } from './http/client-ip.ts';
import { LiveThreads } from './live/hub.ts';
import { pinoLogger } from './logger.ts';
import { isPostgresUrl, openDatabase, postgresHost, StorageStartError } from './storage/db.ts';

const distDir = fileURLToPath(new URL('../dist', import.meta.url));
/**
 * Longer than the idle timeout of a proxy in front (nginx keepalive_timeout 60 s, AWS ALB 60 s),
 * so the proxy, never Pikir, closes an idle connection: otherwise a request the proxy sends at
 * the moment Pikir closes fails with a 502.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** What shutdown waits for requests in flight before it closes their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  const config = loadConfig(process.env);
  const log = pinoLogger(config.logLevel);
  const where = isPostgresUrl(config.databaseUrl)
    ? `PostgreSQL at ${postgresHost(config.databaseUrl)}`
    : `SQLite ${config.databaseUrl}`;
  log(`Pikir is starting: ${where}`);
  const storage = await openDatabase(config.databaseUrl, {
    timeouts: config.postgresTimeouts,
    preparedStatements: config.postgresPrepared,
    log,
  });
  // Production gets no demo site: anyone could register on it and spend its SMS budget.
  if (!config.production) await ensureDemoSite(storage.db, config.publicUrl, systemClock.now());
  const secret = await codeSecret(storage.db, config.secretKey, systemClock.now());
  // config.ts refuses the log transports in production, so the outbox never exists there.
  const outbox = config.production ? null : createOutbox();
  const delivery = deliveryFromConfig(config, outbox ?? createOutbox(), log, systemClock.now);

  const alert = alerter({ db: storage.db, delivery: delivery.delivery, log, admins: config.admins });
  // Delivers the webhook outbox; every instance runs one, claims keep them from sending twice.
  const webhooks = webhookWorker({
    db: storage.db,
    clock: systemClock,
    serverKey: secret,
    send: httpWebhookSender(),
    log,
  });
  webhooks.start();
  // Sends the reply emails' outbox the same way: claimed, retried, never lost on a restart.
  const replyEmails = notificationWorker({
    db: storage.db,
    clock: systemClock,
    serverKey: secret,
    publicUrl: config.publicUrl,
    email: delivery.delivery,
    log,
  });
  replyEmails.start();
  // PostgreSQL: the instance's LISTEN connection; SQLite: the in-process poller.
  const live = new LiveThreads({ db: storage.db, clock: systemClock, log, listen: storage.listen });
  const app = createApp({
    db: storage.db,
    clock: systemClock,
    assets: loadAssets(distDir),
    publicUrl: config.publicUrl,
    log,
    delivery: delivery.delivery,
    secret,
    clientIp: socketClientIp(config.trustProxy),
    admins: config.admins,
    outbox,
    verifyLogin: throttledVerifyLogin(storage.db, systemClock, alert),
    smsLimits: config.smsLimits,
    challenge: defaultChallengeConfig,
    demoPage: !config.production,
    live,
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
    console.log(
      `Pikir is listening on http://${config.host}:${config.port} (public URL ${config.publicUrl})`,
    );
    console.log(
      `Storage: ${storage.engine}.${config.production ? '' : ` Demo article: ${config.publicUrl}/`}`,
    );
    console.log(
      `Delivery: ${delivery.describe}.${outbox ? ` Dev outbox: ${config.publicUrl}/dev/outbox` : ''}`,
    );
  }) as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Node wants the headers timeout above the keep-alive timeout.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // A second Ctrl-C (or signal) means now.
      log(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log(
      `${signal}: no new connections; finishing requests in flight (at most ${SHUTDOWN_GRACE_MS / 1000} s)`,
    );
    const late = setTimeout(() => {
      log('shutdown: requests still running after the grace period are cut off');
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    // Idle keep-alive connections are closed now, and each busy one when its response is sent.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    // Live streams never end by themselves: closed now, readers' browsers reconnect elsewhere.
    void live.close();
    server.close(async () => {
      clearTimeout(late);
      clearInterval(idle);
      await webhooks.stop();
      await replyEmails.stop();
      delivery.close();
      storage.close().then(
        () => {
          log('shutdown: done');
          process.exit(0);
        },
        (error: unknown) => {
          log(`shutdown: closing the database failed: ${String(error)}`);
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof StorageStartError;
  console.error(known ? `Pikir cannot start: ${(error as Error).message}` : error);
  process.exit(1);
});
