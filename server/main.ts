/**
 * The composition root: the only place that reads process.env and opens sockets.
 * config -> database (migrated) -> demo site -> app -> listen.
 */
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { loadAssets } from './assets.ts';
import { argon2VerifyLogin } from './auth/verify-login.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { httpWebhookSender } from './delivery/webhook.ts';
import { ensureDemoSite } from './demo.ts';
import { clientIpResolver } from './http/client-ip.ts';
import { createDb, migrate } from './storage/db.ts';

const distDir = fileURLToPath(new URL('../dist', import.meta.url));

async function main() {
  const config = loadConfig(process.env);
  const storage = createDb(config.databaseUrl);
  await migrate(storage.db);
  await ensureDemoSite(storage.db, config.publicUrl, systemClock.now());

  const app = createApp({
    db: storage.db,
    clock: systemClock,
    assets: loadAssets(distDir),
    publicUrl: config.publicUrl,
    log: (line) => console.log(line),
    admins: config.admins,
    clientIp: clientIpResolver(config.trustProxy),
    verifyLogin: argon2VerifyLogin(storage.db),
    webhook: httpWebhookSender(),
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
    console.log(
      `Pikir is listening on http://${config.host}:${config.port} (public URL ${config.publicUrl})`,
    );
    console.log(`Storage: ${storage.engine}. Demo article: ${config.publicUrl}/`);
  });

  const stop = () => {
    server.close(() => void storage.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
