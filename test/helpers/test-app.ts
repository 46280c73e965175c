import { randomBytes } from 'node:crypto';
import { onTestFinished } from 'vitest';
import { createApp } from '../../server/app.ts';
import { type Assets, noAssets } from '../../server/assets.ts';
import { defaultSmsLimits, type SmsLimits } from '../../server/config.ts';
import { notificationWorker } from '../../server/delivery/notification-worker.ts';
import { webhookWorker } from '../../server/delivery/webhook-worker.ts';
import { type LiveLimits, LiveThreads } from '../../server/live/hub.ts';
import { createDb, migrate, type Storage } from '../../server/storage/db.ts';
import { createSite, type SiteSettings } from '../../server/storage/sites.ts';
import { fixedClock } from '../doubles/fixed-clock.ts';
import { recordingDelivery } from '../doubles/recording-delivery.ts';
import { recordingWebhook } from '../doubles/recording-webhook.ts';
import { fakeVerifyLogin } from '../doubles/verify-login.ts';

export const SITE = 'news';
export const ORIGIN = 'https://news.example.kz';
export const PUBLIC_URL = 'https://comments.example.kz';
/** The client address a test request comes from unless it sets this header. */
export const TEST_IP_HEADER = 'x-test-client-ip';
export const DEFAULT_TEST_IP = '203.0.113.7';

export interface TestAppOptions {
  assets?: Assets;
  admins?: string[];
  settings?: Partial<SiteSettings>;
  smsLimits?: Partial<SmsLimits>;
  /** The live thread's caps and timings (server/live/hub.ts). */
  live?: Partial<LiveLimits>;
  /** A second instance over the same database: the site is there already. */
  siteExists?: boolean;
}

export const testChallengeConfig = { cost: 1, counterMax: 40, ttlMs: 10 * 60_000 };

/** The real app over a test database, a still clock, a log kept in memory and recording doubles. */
export async function testApp(storage: Storage, options: TestAppOptions = {}) {
  const clock = fixedClock();
  const logs: string[] = [];
  const messages = recordingDelivery();
  const logins = fakeVerifyLogin();
  const webhooks = recordingWebhook();
  if (!options.siteExists) {
    await createSite(
      storage.db,
      { id: SITE, name: 'News', origins: [ORIGIN], settings: options.settings ?? {} },
      clock.now(),
    );
  }
  const secret = randomBytes(32);
  const live = new LiveThreads({
    db: storage.db,
    clock,
    log: (line) => logs.push(line),
    listen: storage.listen,
    limits: options.live,
  });
  onTestFinished(() => live.close());
  const app = createApp({
    db: storage.db,
    clock,
    assets: options.assets ?? noAssets,
    publicUrl: PUBLIC_URL,
    log: (line) => logs.push(line),
    delivery: messages.delivery,
    secret,
    // Tests say where a request comes from with a header; the real resolver reads the socket.
    clientIp: (c) => c.req.header(TEST_IP_HEADER) ?? DEFAULT_TEST_IP,
    admins: options.admins ?? [],
    outbox: null,
    verifyLogin: logins.verify,
    smsLimits: { ...defaultSmsLimits, ...options.smsLimits },
    // Cheap to solve, so tests that answer challenges stay fast; the rules are the same.
    challenge: testChallengeConfig,
    live,
  });
  // The webhook outbox's worker, run by the test: `deliverWebhooks()` is one round.
  const worker = webhookWorker({
    db: storage.db,
    clock,
    serverKey: secret,
    send: webhooks.send,
    log: (line) => logs.push(line),
  });
  // The reply emails' worker, run by the test: `deliverEmails()` is one round.
  const emails = notificationWorker({
    db: storage.db,
    clock,
    serverKey: secret,
    publicUrl: PUBLIC_URL,
    email: messages.delivery,
    log: (line) => logs.push(line),
  });
  return {
    app,
    clock,
    logs,
    db: storage.db,
    messages,
    logins,
    webhooks,
    secret,
    live,
    deliverWebhooks: () => worker.tick(),
    deliverEmails: () => emails.tick(),
  };
}

/** testApp over a fresh in-memory SQLite database, closed when the test ends. */
export async function inMemoryTestApp(options: TestAppOptions = {}) {
  const storage = createDb(':memory:');
  await migrate(storage.db);
  onTestFinished(() => storage.close());
  return testApp(storage, options);
}

export type TestApp = Awaited<ReturnType<typeof testApp>>;

export async function errorOf(
  response: Response,
): Promise<{ code: string; message: string; retryAfter?: number }> {
  const body = (await response.json()) as { error: { code: string; message: string; retryAfter?: number } };
  return body.error;
}
