import { createApp } from '../../server/app.ts';
import { type Assets, noAssets } from '../../server/assets.ts';
import type { WebhookSender } from '../../server/delivery/webhook.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite } from '../../server/storage/sites.ts';
import { fixedClock } from '../doubles/fixed-clock.ts';
import { recordingWebhook } from '../doubles/recording-webhook.ts';
import { fakeVerifyLogin } from '../doubles/verify-login.ts';

export const SITE = 'news';
export const ORIGIN = 'https://news.example.kz';
export const PUBLIC_URL = 'https://comments.example.kz';

/** The real app over a test database, a still clock, a log kept in memory and recording doubles. */
export async function testApp(
  storage: Storage,
  options: { assets?: Assets; admins?: string[]; webhook?: WebhookSender } = {},
) {
  const clock = fixedClock();
  const logs: string[] = [];
  const logins = fakeVerifyLogin();
  const webhooks = recordingWebhook();
  await createSite(storage.db, { id: SITE, name: 'News', origins: [ORIGIN] }, clock.now());
  const app = createApp({
    db: storage.db,
    clock,
    assets: options.assets ?? noAssets,
    publicUrl: PUBLIC_URL,
    log: (line) => logs.push(line),
    admins: options.admins ?? [],
    // Tests say who is calling with a header; the real resolver reads the socket.
    clientIp: (c) => c.req.header('x-test-ip') ?? '203.0.113.7',
    verifyLogin: logins.verify,
    webhook: options.webhook ?? webhooks.send,
  });
  return { app, clock, logs, db: storage.db, logins, webhooks };
}

export async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}
