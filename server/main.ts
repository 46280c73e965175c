/**
 * The composition root: the only place that reads process.env and opens sockets.
 * config -> database (migrated) -> demo site -> app -> listen.
 */
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
import { httpWebhookSender } from './delivery/webhook.ts';
import { webhookWorker } from './delivery/webhook-worker.ts';
import { ensureDemoSite } from './demo.ts';
import { socketClientIp } from './http/client-ip.ts';
import { createDb, migrate } from './storage/db.ts';

const distDir = fileURLToPath(new URL('../dist', import.meta.url));

async function main() {
  const config = loadConfig(process.env);
  const storage = createDb(config.databaseUrl);
  await migrate(storage.db);
  await ensureDemoSite(storage.db, config.publicUrl, systemClock.now());
  const secret = await codeSecret(storage.db, config.secretKey, systemClock.now());
  // config.ts refuses the log transports in production, so the outbox never exists there.
  const outbox = config.production ? null : createOutbox();
  const delivery = deliveryFromConfig(
    config,
    outbox ?? createOutbox(),
    (line) => console.log(line),
    systemClock.now,
  );

  const log = (line: string) => console.log(line);
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
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
    console.log(
      `Pikir is listening on http://${config.host}:${config.port} (public URL ${config.publicUrl})`,
    );
    console.log(`Storage: ${storage.engine}. Demo article: ${config.publicUrl}/`);
    console.log(
      `Delivery: ${delivery.describe}.${outbox ? ` Dev outbox: ${config.publicUrl}/dev/outbox` : ''}`,
    );
  });

  const stop = () => {
    void webhooks.stop();
    delivery.close();
    server.close(() => void storage.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
