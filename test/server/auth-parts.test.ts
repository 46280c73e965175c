import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { noAssets } from '../../server/assets.ts';
import { commonPasswordCount, isAcceptablePassword } from '../../server/auth/passwords.ts';
import { codeSecret } from '../../server/auth/secret.ts';
import { createOutbox, logTransport } from '../../server/delivery/log.ts';
import { networkOf, socketClientIp } from '../../server/http/client-ip.ts';
import type { Storage } from '../../server/storage/db.ts';
import { fixedClock } from '../doubles/fixed-clock.ts';
import { recordingDelivery } from '../doubles/recording-delivery.ts';
import { engines } from '../helpers/engines.ts';

describe('password rule', () => {
  it('blocks at least 10,000 common passwords that the pattern would allow', async () => {
    expect(await commonPasswordCount()).toBeGreaterThan(10_000);
  });

  it('refuses common passwords in any case and the contact, accepts the rest', async () => {
    expect(await isAcceptablePassword('Qwerty123', 'a@b.kz')).toBe(false);
    expect(await isAcceptablePassword('sunshine', 'a@b.kz')).toBe(false);
    expect(await isAcceptablePassword('Ivan1990', 'ivan1990@mail.kz')).toBe(false);
    expect(await isAcceptablePassword('7011234567', '+77011234567')).toBe(false);
    expect(await isAcceptablePassword('Zq8vLm2kPx', '+77011234567')).toBe(true);
    expect(await isAcceptablePassword('Zq8vL', 'a@b.kz')).toBe(false);
  });
});

describe('client network', () => {
  it('counts IPv4 by address and IPv6 by /64', () => {
    expect(networkOf('198.51.100.7')).toBe('198.51.100.7');
    expect(networkOf('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(networkOf('2a02:8084:0001:0002:aaaa::1')).toBe('2a02:8084:1:2::/64');
    expect(networkOf('2a02:8084:1:2:ffff:ffff:ffff:ffff')).toBe('2a02:8084:1:2::/64');
    expect(networkOf('2a02:8084::1')).toBe('2a02:8084:0:0::/64');
    expect(networkOf('not an ip')).toBe('unknown');
  });

  const servers: { close(cb: () => void): void }[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0))
      await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function whoAmI(trustProxy: number, forwarded?: string): Promise<string> {
    const app = new Hono().get('/', (c) => c.text(socketClientIp(trustProxy)(c)));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
    });
    return response.text();
  }

  it('reads the socket, and X-Forwarded-For only as far as TRUST_PROXY says', async () => {
    expect(await whoAmI(0, '203.0.113.9')).toBe('127.0.0.1');
    // One proxy: the address it appended; whatever the client wrote further left is ignored.
    expect(await whoAmI(1, '10.9.9.9, 203.0.113.9')).toBe('203.0.113.9');
    expect(await whoAmI(2, '10.9.9.9, 203.0.113.9')).toBe('10.9.9.9');
    expect(await whoAmI(1)).toBe('127.0.0.1');
  });
});

describe.each(engines)('code secret on $engine', ({ open }) => {
  let storage: Storage;
  afterEach(() => storage.close());

  it('is made once and shared through the database, unless SECRET_KEY is given', async () => {
    storage = await open();
    const first = await codeSecret(storage.db, null, 0);
    const second = await codeSecret(storage.db, null, 1);
    expect(first.length).toBe(32);
    expect(second.equals(first)).toBe(true);
    const configured = await codeSecret(storage.db, 'x'.repeat(32), 2);
    expect(configured.equals(first)).toBe(false);
    expect((await codeSecret(storage.db, 'x'.repeat(32), 3)).equals(configured)).toBe(true);
  });
});

describe.each(engines)('dev outbox on $engine', ({ open }) => {
  let storage: Storage;
  afterEach(() => storage.close());

  it('lists what the log transports sent, newest first, and exists only when given', async () => {
    storage = await open();
    const clock = fixedClock();
    const outbox = createOutbox();
    const printed: string[] = [];
    const log = logTransport(outbox, (line) => printed.push(line), clock.now);
    const deps = {
      db: storage.db,
      clock,
      assets: noAssets,
      publicUrl: 'http://localhost:8787',
      log: () => {},
      delivery: recordingDelivery().delivery,
      secret: Buffer.alloc(32),
      clientIp: () => '127.0.0.1',
      admins: [],
      verifyLogin: async () => null,
      webhook: async () => {},
    };
    await log.sendSms('+77011234567', 'Код 111111 <b>');
    clock.advance(1000);
    await log.sendEmail({ to: 'a@b.kz', subject: 'Код', text: 'Код 222222', html: '<p>Код 222222</p>' });
    expect(printed.join('\n')).toMatch(/\[sms\] to \+77011234567: Код 111111/);

    const app = createApp({ ...deps, outbox });
    const json = (await (await app.request('/dev/outbox?format=json')).json()) as {
      messages: { to: string; text: string }[];
    };
    expect(json.messages.map((m) => m.to)).toEqual(['a@b.kz', '+77011234567']);
    const html = await (await app.request('/dev/outbox')).text();
    expect(html).toContain('Код 111111 &lt;b&gt;');
    expect(html.indexOf('222222')).toBeLessThan(html.indexOf('111111'));

    const production = createApp({ ...deps, outbox: null });
    expect((await production.request('/dev/outbox')).status).toBe(404);
    const remote = createApp({ ...deps, outbox, clientIp: () => '198.51.100.4' });
    expect((await remote.request('/dev/outbox?format=json')).status).toBe(404);
  });
});
