import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hash } from '@node-rs/argon2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { throttledVerifyLogin } from '../../server/auth/verify-login.ts';
import { httpWebhookSender } from '../../server/delivery/webhook.ts';
import type { Storage } from '../../server/storage/db.ts';
import { insertUser } from '../../server/storage/users.ts';
import type { WebhookEvent } from '../../shared/api.ts';
import { fixedClock } from '../doubles/fixed-clock.ts';
import { engines } from '../helpers/engines.ts';

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

describe('webhook sender over real HTTP', () => {
  let server: Server;
  let url: string;
  let received: { request: IncomingMessage; body: string }[];
  let answer: (request: IncomingMessage) => number | 'hang';
  beforeEach(async () => {
    received = [];
    answer = () => 204;
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({ request, body });
        const status = answer(request);
        if (status !== 'hang') response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=t`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('POSTs the event as JSON', async () => {
    await httpWebhookSender()(url, event);
    expect(received).toHaveLength(1);
    expect(received[0]!.request.method).toBe('POST');
    expect(received[0]!.request.url).toBe('/hook?token=t');
    expect(received[0]!.request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0]!.body)).toEqual(event);
  });

  it('fails on error answers, redirects and slow receivers', async () => {
    answer = () => 500;
    await expect(httpWebhookSender()(url, event)).rejects.toThrow(/500/);
    answer = () => 302;
    await expect(httpWebhookSender()(url, event)).rejects.toThrow(/302/);
    answer = () => 'hang';
    await expect(httpWebhookSender(100)(url, event)).rejects.toThrow();
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
