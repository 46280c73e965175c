import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttledVerifyLogin } from '../../server/auth/verify-login.ts';
import { runCli } from '../../server/cli.ts';
import { httpWebhookSender } from '../../server/delivery/webhook.ts';
import { type WebhookWorker, webhookWorker } from '../../server/delivery/webhook-worker.ts';
import type { Storage } from '../../server/storage/db.ts';
import { insertUser } from '../../server/storage/users.ts';
import { claimWebhooks, GIVE_UP_AFTER_MS, retryDelay } from '../../server/storage/webhook-outbox.ts';
import type { WebhookEvent } from '../../shared/api.ts';
import { fixedClock } from '../doubles/fixed-clock.ts';
import { posted, type Reader, signedIn, widget } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { SITE, type TestApp, testApp } from '../helpers/test-app.ts';

const event: WebhookEvent = {
  type: 'moderation',
  site: 'news',
  comment: {
    id: 'c1',
    text: '<img src=x onerror=alert(1)>',
    status: 'hidden',
    author: { id: 'u1', name: 'Ann' },
    page: { key: 'a', title: 'Article', url: 'https://news.example.kz/a' },
  },
  action: 'hide',
  reason: null,
  ban: null,
  actor: { id: 'u2', name: 'Editor' },
  at: 1,
};

interface Received {
  request: IncomingMessage;
  body: string;
}

/** A local HTTP receiver that answers what `answer` says. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { answer: (_r: IncomingMessage): number | 'hang' => 204 };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ request, body });
      const status = state.answer(request);
      if (status !== 'hang') response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=t`;
  return {
    url,
    received,
    state,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The receiver's check, as docs/operations.md gives it. */
function verifyPikirWebhook(secret: string, headers: IncomingHttpHeaders, body: string, nowMs: number) {
  const timestamp = String(headers['pikir-webhook-timestamp']);
  const signature = String(headers['pikir-webhook-signature']);
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > 300) return false;
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return (
    signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
  );
}

describe('webhook sender over real HTTP', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(() => receiver.close());

  it('POSTs the body as JSON with the headers given', async () => {
    await httpWebhookSender()(receiver.url, JSON.stringify(event), { 'Pikir-Webhook-Id': 'w1' });
    expect(receiver.received).toHaveLength(1);
    const [{ request, body }] = receiver.received as [Received];
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/hook?token=t');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['pikir-webhook-id']).toBe('w1');
    expect(JSON.parse(body)).toEqual(event);
  });

  it('fails on error answers, redirects and slow receivers', async () => {
    const send = (timeout?: number) => httpWebhookSender(timeout)(receiver.url, '{}', {});
    receiver.state.answer = () => 500;
    await expect(send()).rejects.toThrow(/500/);
    receiver.state.answer = () => 302;
    await expect(send()).rejects.toThrow(/302/);
    receiver.state.answer = () => 'hang';
    await expect(send(100)).rejects.toThrow();
  });
});

describe.each(engines)('webhook outbox on $engine', ({ open }) => {
  let storage: Storage;
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let secret: string;
  let logs: string[];
  let author: Reader;
  let reader: Reader;
  let comment: string;
  const workers: WebhookWorker[] = [];

  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
    receiver = await startReceiver();
    logs = [];
    secret = await setWebhook(receiver.url);
    author = await signedIn(t, 'Author');
    reader = await signedIn(t, 'Reader');
    comment = await posted(await widget(t).post(author, { text: 'something rude' }));
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await receiver.close();
    await storage.close();
  });

  /** `site set news --webhook URL` as the operator runs it; the secret it prints, if any. */
  async function setWebhook(url: string, ...more: string[]) {
    const out: string[] = [];
    await runCli(['site', 'set', SITE, '--webhook', url, ...more], {
      db: storage.db,
      now: t.clock.now(),
      out: (line) => out.push(line),
      secret: t.secret,
    });
    return out.find((l) => l.startsWith('webhook secret'))?.split(': ')[1] ?? '';
  }

  function worker(): WebhookWorker {
    const w = webhookWorker({
      db: storage.db,
      clock: t.clock,
      serverKey: t.secret,
      send: httpWebhookSender(2000),
      log: (line) => logs.push(line),
    });
    workers.push(w);
    return w;
  }

  const report = () => widget(t).report(reader, comment, { reason: 'spam' });
  const outbox = () => storage.db.selectFrom('webhook_outbox').selectAll().orderBy('created_at').execute();

  it('delivers each event once, signed with the secret the CLI printed', async () => {
    expect(secret).toMatch(/^whsec_/);
    expect((await report()).status).toBe(201);
    expect(receiver.received).toEqual([]);
    expect(await worker().tick()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [{ request, body }] = receiver.received as [Received];
    expect(JSON.parse(body)).toMatchObject({
      type: 'complaint',
      site: SITE,
      reason: 'spam',
      openComplaints: 1,
    });
    expect(request.headers['pikir-webhook-event']).toBe('complaint');
    expect(request.headers['pikir-webhook-id']).toBe((await outbox())[0]!.id);
    expect(request.headers['pikir-webhook-timestamp']).toBe(String(Math.floor(t.clock.now() / 1000)));
    expect(verifyPikirWebhook(secret, request.headers, body, t.clock.now())).toBe(true);
    // Tampered, replayed later or signed with another secret: refused.
    expect(verifyPikirWebhook(secret, request.headers, body.replace('spam', 'maps'), t.clock.now())).toBe(
      false,
    );
    expect(verifyPikirWebhook(secret, request.headers, body, t.clock.now() + 600_000)).toBe(false);
    expect(verifyPikirWebhook(`${secret}x`, request.headers, body, t.clock.now())).toBe(false);
    expect(await worker().tick()).toBe(0);
    expect((await outbox())[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(receiver.received).toHaveLength(1);
  });

  it('passes the check docs/operations.md gives receivers, run as written', async () => {
    await report();
    await worker().tick();
    const [{ request, body }] = receiver.received as [Received];
    const doc = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
    const snippet = /\*\*Checking a delivery\*\*[\s\S]*?```js\n([\s\S]*?)```/.exec(doc)![1]!;
    const dir = mkdtempSync(join(tmpdir(), 'pikir-doc-'));
    try {
      writeFileSync(join(dir, 'verify.mjs'), snippet);
      const { verifyPikirWebhook: documented } = (await import(join(dir, 'verify.mjs'))) as {
        verifyPikirWebhook: (secret: string, headers: IncomingHttpHeaders, body: string) => boolean;
      };
      vi.useFakeTimers({ toFake: ['Date'], now: t.clock.now() });
      expect(documented(secret, request.headers, body)).toBe(true);
      expect(documented(secret, request.headers, `${body} `)).toBe(false);
      vi.setSystemTime(t.clock.now() + 301_000);
      expect(documented(secret, request.headers, body)).toBe(false);
    } finally {
      vi.useRealTimers();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('signs with the new secret once it is rotated', async () => {
    const rotated = await setWebhook(receiver.url, '--rotate-webhook-secret');
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await report();
    await worker().tick();
    const [{ request, body }] = receiver.received as [Received];
    expect(verifyPikirWebhook(rotated, request.headers, body, t.clock.now())).toBe(true);
    expect(verifyPikirWebhook(secret, request.headers, body, t.clock.now())).toBe(false);
  });

  it('retries a failing receiver with exponential back-off until it answers', async () => {
    receiver.state.answer = () => 503;
    await report();
    const w = worker();
    expect(await w.tick()).toBe(1);
    const waits = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const wait = retryDelay(attempt);
      waits.push(wait);
      t.clock.advance(wait - 1);
      expect(await w.tick(), `before retry ${attempt}`).toBe(0);
      t.clock.advance(1);
      expect(await w.tick(), `retry ${attempt}`).toBe(1);
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect((await outbox())[0]).toMatchObject({ status: 'pending', attempts: 5, last_error: 'answered 503' });
    expect(logs.at(-1)).toMatch(/^webhook of site news http:\/\/127\.0\.0\.1:\d+ failed: answered 503/);
    expect(logs.join('\n')).not.toContain('token=t');
    receiver.state.answer = () => 200;
    t.clock.advance(retryDelay(5));
    expect(await w.tick()).toBe(1);
    expect((await outbox())[0]).toMatchObject({ status: 'delivered', attempts: 6 });
    expect(receiver.received).toHaveLength(6);
    // Every attempt carried the same id and body, so the receiver can tell repeats apart.
    expect(new Set(receiver.received.map((r) => r.request.headers['pikir-webhook-id'])).size).toBe(1);
  });

  it('gives up after a day and tells the site’s admins', async () => {
    receiver.state.answer = () => 500;
    await report();
    const w = worker();
    const start = t.clock.now();
    let attempts = 0;
    while ((await outbox())[0]!.status === 'pending') {
      attempts += await w.tick();
      t.clock.set(Number((await outbox())[0]!.next_attempt_at));
      expect(attempts).toBeLessThan(60);
    }
    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'failed', last_error: 'answered 500' });
    expect(Number(row!.finished_at) - start).toBeGreaterThanOrEqual(GIVE_UP_AFTER_MS);
    expect(Number(row!.finished_at) - start).toBeLessThan(GIVE_UP_AFTER_MS + retryDelay(99) + 1);
    expect(attempts).toBe(receiver.received.length);
    const told = await storage.db.selectFrom('admin_log').select(['kind', 'message']).execute();
    expect(told).toEqual([
      {
        kind: 'webhook_failed',
        message: expect.stringMatching(
          new RegExp(
            `^A webhook \\(complaint event ${row!.id}\\) to http://127\\.0\\.0\\.1:\\d+ was given up after ${attempts} attempts over a day: answered 500$`,
          ),
        ),
      },
    ]);
    t.clock.advance(retryDelay(99));
    expect(await w.tick()).toBe(0);
  });

  it('deletes delivered rows after a week', async () => {
    await report();
    const w = worker();
    await w.tick();
    t.clock.advance(7 * 24 * 3600_000 - 1);
    await w.tick();
    expect(await outbox()).toHaveLength(1);
    t.clock.advance(60_001);
    await w.tick();
    expect(await outbox()).toEqual([]);
  });

  it('survives a restart: a claim whose worker died runs out and another worker sends it', async () => {
    await report();
    // An instance claims the delivery and dies before sending.
    expect(await claimWebhooks(storage.db, t.clock.now(), 10, 60_000)).toHaveLength(1);
    const after = worker();
    expect(await after.tick()).toBe(0);
    t.clock.advance(60_000);
    expect(await after.tick()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    expect((await outbox())[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('never sends one delivery twice from workers running side by side', async () => {
    for (let i = 0; i < 12; i++) {
      const other = await signedIn(t, `R${i}`);
      await widget(t).report(other, comment, { reason: 'spam' });
    }
    const [a, b, c] = [worker(), worker(), worker()];
    // Open the pool's connections first, so the workers' claims really run side by side.
    await Promise.all(Array.from({ length: 6 }, () => sql`select 1`.execute(storage.db)));
    const counts = await Promise.all([a.tick(), b.tick(), c.tick(), a.tick(), b.tick()]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(12);
    const ids = receiver.received.map((r) => r.request.headers['pikir-webhook-id']);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it('runs on its own once started, a backlog in back-to-back rounds, and stops', async () => {
    for (let i = 0; i < 12; i++) {
      const other = await signedIn(t, `B${i}`);
      await widget(t).report(other, comment, { reason: 'spam' });
    }
    const w = webhookWorker({
      db: storage.db,
      clock: t.clock,
      serverKey: t.secret,
      send: httpWebhookSender(2000),
      log: (line) => logs.push(line),
      batch: 5,
    });
    workers.push(w);
    // Rounds of 5, 5 and 2 at once; the next would only come after ten minutes.
    w.start(600_000);
    await vi.waitFor(() => expect(receiver.received).toHaveLength(12));
    await w.stop();
  });

  it('drops what is queued when the webhook is removed, and queues nothing without one', async () => {
    await report();
    await setWebhook('none');
    expect(await worker().tick()).toBe(1);
    expect(receiver.received).toEqual([]);
    expect(await outbox()).toEqual([]);
    const other = await signedIn(t, 'Other');
    await widget(t).report(other, comment, { reason: 'spam' });
    expect(await outbox()).toEqual([]);
  });
});

describe.each(engines)('admin sign-in check on $engine', ({ open }) => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await open();
  });
  afterEach(() => storage.close());

  it('accepts the right password of an existing account only', async () => {
    const passwordHash = await hash('Secret12', {
      algorithm: 2,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
    await insertUser(storage.db, { id: 'u1', displayName: 'Ed', email: 'ed@news.kz', passwordHash }, 0);
    await insertUser(storage.db, { id: 'u2', displayName: 'No password', phone: '+77011234567' }, 0);
    const verify = throttledVerifyLogin(storage.db, fixedClock());
    const net = '203.0.113.1';
    expect(await verify({ kind: 'email', value: 'ed@news.kz' }, 'Secret12', net)).toBe('u1');
    expect(await verify({ kind: 'email', value: 'ed@news.kz' }, 'secret12', net)).toBeNull();
    expect(await verify({ kind: 'email', value: 'nobody@news.kz' }, 'Secret12', net)).toBeNull();
    expect(await verify({ kind: 'phone', value: '+77011234567', country: 'KZ' }, 'x', net)).toBeNull();
  });

  it('shares the widget sign-in throttle: after 5 wrong passwords even the right one waits', async () => {
    const passwordHash = await hash('Secret12', {
      algorithm: 2,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
    await insertUser(storage.db, { id: 'u1', displayName: 'Ed', email: 'ed@news.kz', passwordHash }, 0);
    const clock = fixedClock();
    const verify = throttledVerifyLogin(storage.db, clock);
    const ed = { kind: 'email', value: 'ed@news.kz' } as const;
    for (let i = 0; i < 5; i++) expect(await verify(ed, `wrong${i}xx`, '203.0.113.1')).toBeNull();
    await expect(verify(ed, 'Secret12', '203.0.113.1')).rejects.toMatchObject({ code: 'rate_limited' });
    clock.advance(31_000);
    expect(await verify(ed, 'Secret12', '203.0.113.1')).toBe('u1');
  });
});
