import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/storage/db.ts';
import { readCounts, takeHit } from '../../server/storage/rate-counters.ts';
import { createSite } from '../../server/storage/sites.ts';
import type { PowChallenge } from '../../shared/errors.ts';
import { channelOf, PASSWORD, paths, post } from '../helpers/auth-client.ts';
import { engines } from '../helpers/engines.ts';
import { solvedProof } from '../helpers/proof-of-work.ts';
import { seedAccount } from '../helpers/seed.ts';
import { errorOf, ORIGIN, type TestAppOptions, testApp } from '../helpers/test-app.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Kazakh mobile numbers of one number range (+7701 000 0…): the last three digits vary. */
const inRange = (n: number) => `+77010000${String(n).padStart(3, '0')}`;
/** Kazakh mobile numbers each in a range of its own. */
const spread = (n: number) => `+7702${String(1000 + n).slice(1)}1234`;

describe.each(engines)('send scopes on $engine', ({ open }) => {
  let storage: Storage;
  afterEach(() => storage.close());

  async function setup(options: TestAppOptions = {}) {
    storage = await open();
    const t = await testApp(storage, options);
    const register = (contact: string, ip: string, extra: Record<string, unknown> = {}) =>
      post(
        t.app,
        paths.registerStart,
        { channel: channelOf(contact), contact, name: 'Ерлан', password: PASSWORD, ...extra },
        { ip },
      );
    const reset = (contact: string, ip: string) =>
      post(t.app, paths.resetStart, { channel: channelOf(contact), contact }, { ip });
    /** Registers, answering a challenge when one is asked; the final answer. */
    const registerSolving = async (contact: string, ip: string) => {
      const first = await register(contact, ip);
      if (first.status !== 428) return first;
      const { challenge } = ((await first.json()) as { error: { challenge: PowChallenge } }).error;
      return register(contact, ip, { proof: await solvedProof(challenge) });
    };
    return { ...t, register, reset, registerSolving };
  }

  it('asks a number range that runs hot for a challenge, then caps it; other ranges see nothing', async () => {
    const t = await setup();
    for (let i = 0; i < 5; i++) expect((await t.register(inRange(i), `198.51.${i}.1`)).status).toBe(202);
    const hot = await t.register(inRange(5), '198.51.5.1');
    expect(hot.status).toBe(428);
    expect(t.logs.at(-1)).toMatch(/hot=range:1h/);
    expect((await t.register(spread(1), '198.51.99.1')).status).toBe(202);
    for (let i = 5; i < 20; i++)
      expect((await t.registerSolving(inRange(i), `198.51.${i}.1`)).status).toBe(202);
    // At 20 an hour the range refuses outright, until the hour of its first send is over.
    const capped = await t.register(inRange(20), '198.51.20.1');
    expect(capped.status).toBe(429);
    expect((await errorOf(capped)).retryAfter).toBe(3600);
    expect(t.logs.at(-1)).toMatch(/limit=range:1h/);
    t.clock.advance(HOUR);
    expect((await t.register(inRange(20), '198.51.20.1')).status).toBe(202);
  }, 30_000);

  it('counts a wide network at /24 and /48: many addresses of one operator are asked to prove work', async () => {
    const t = await setup();
    for (let i = 0; i < 20; i++) {
      expect((await t.register(`reader${i}@mail.kz`, `2a0e:97c0:3e0:${i.toString(16)}::1`)).status).toBe(202);
    }
    expect((await t.register('reader20@mail.kz', '2a0e:97c0:3e0:ff::1')).status).toBe(428);
    expect(t.logs.at(-1)).toMatch(/hot=wideNetwork:10m/);
    expect((await t.register('reader21@mail.kz', '2a0e:97c0:3e1::1')).status).toBe(202);
    for (let i = 0; i < 20; i++)
      expect((await t.register(`v4.${i}@mail.kz`, `203.0.113.${i}`)).status).toBe(202);
    expect((await t.register('v4.20@mail.kz', '203.0.113.200')).status).toBe(428);
  });

  it('takes no shared allowance for requests that send nothing', async () => {
    const t = await setup();
    // 100 resets for numbers of one range that have no account, from many networks.
    for (let i = 0; i < 100; i++) expect((await t.reset(inRange(i), `198.51.${i}.1`)).status).toBe(202);
    expect(t.messages.sent).toHaveLength(0);
    // The range, the country and the site have not moved: a sign-up there goes straight through.
    expect((await t.register(inRange(500), '192.0.2.1')).status).toBe(202);
  }, 30_000);

  it('refuses at a cap without writing anything', async () => {
    const t = await setup();
    for (let i = 0; i < 10; i++) expect((await t.reset(spread(i), '192.0.2.9')).status).toBe(202);
    const before = await storage.db.selectFrom('rate_counters').selectAll().orderBy('key').execute();
    expect((await t.reset(spread(10), '192.0.2.9')).status).toBe(429);
    expect(await storage.db.selectFrom('rate_counters').selectAll().orderBy('key').execute()).toEqual(before);
  });

  it('takes a counter exactly to its cap under concurrent requests', async () => {
    storage = await open();
    const window = { key: 'test:concurrent|10m', windowMs: 10 * MINUTE };
    const taken = await Promise.all(Array.from({ length: 40 }, () => takeHit(storage.db, window, 10, 1000)));
    expect(taken.filter(Boolean)).toHaveLength(10);
    expect((await readCounts(storage.db, [window])).get(window.key)?.hits).toBe(10);
  });

  it('sends exactly the site budget when many SMS are asked at once', async () => {
    const t = await setup({ settings: { smsDailyBudget: 7 } });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.register(spread(i), `198.51.${i}.1`)),
    );
    expect(answers.filter((r) => r.status === 202)).toHaveLength(7);
    expect(answers.filter((r) => r.status === 503)).toHaveLength(13);
    expect(t.messages.sent).toHaveLength(7);
  });

  it('holds the server budget across sites, and starts the day at midnight in Almaty', async () => {
    const t = await setup({ smsLimits: { serverDailyBudget: 3 } });
    await createSite(
      storage.db,
      { id: 'other', name: 'Other', origins: ['https://other.kz'] },
      t.clock.now(),
    );
    // 12:00 UTC is 17:00 in Almaty; the budget's day ends at 19:00 UTC.
    expect((await t.register(spread(1), '198.51.1.1')).status).toBe(202);
    expect((await t.register(spread(2), '198.51.2.1')).status).toBe(202);
    const other = (contact: string, ip: string) =>
      post(
        t.app,
        '/api/sites/other/auth/register',
        { channel: 'phone', contact, name: 'Ерлан', password: PASSWORD },
        { ip, origin: 'https://other.kz' },
      );
    expect((await other(spread(3), '198.51.3.1')).status).toBe(202);
    expect((await errorOf(await other(spread(4), '198.51.4.1'))).code).toBe('sms_unavailable');
    expect((await errorOf(await t.register(spread(5), '198.51.5.1'))).code).toBe('sms_unavailable');
    expect(t.logs.some((l) => / 503 .*budget=server/.test(l))).toBe(true);
    const told = await storage.db.selectFrom('admin_log').select(['site_id', 'kind']).execute();
    expect(told).toContainEqual({ site_id: null, kind: 'server_sms_budget_exhausted' });
    t.clock.set(Date.UTC(2026, 10, 24, 18, 59));
    expect((await errorOf(await t.register(spread(6), '198.51.6.1'))).code).toBe('sms_unavailable');
    t.clock.set(Date.UTC(2026, 10, 24, 19, 1));
    expect((await t.register(spread(6), '198.51.6.1')).status).toBe(202);
    expect(t.messages.sent).toHaveLength(4);
  });

  it('tells the admins when a scope runs hot, naming it, at most once an hour', async () => {
    const t = await setup({ settings: { webhookUrl: 'https://hooks.example.kz/x' } });
    await storage.db
      .insertInto('site_admins')
      .values({ site_id: 'news', contact: 'Editor@news.kz', created_at: 0 })
      .execute();
    for (let i = 0; i < 7; i++) await t.register(inRange(i), `198.51.${i}.1`);
    t.clock.advance(30 * MINUTE);
    for (let i = 7; i < 9; i++) await t.register(inRange(i), `198.51.${i}.1`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const told = await storage.db.selectFrom('admin_log').select(['kind', 'message']).execute();
    expect(told).toHaveLength(1);
    expect(told[0]!.kind).toBe('scope_hot');
    expect(told[0]!.message).toMatch(/number range \+77010000… \(5 in 1h\)/);
    await t.deliverWebhooks();
    expect(t.webhooks.sent.map((w) => w.event)).toEqual([
      expect.objectContaining({ type: 'alert', site: 'news', kind: 'scope_hot' }),
    ]);
    const email = t.messages.sent.filter((m) => m.channel === 'email');
    expect(email.map((m) => m.to)).toEqual(['Editor@news.kz']);
  });

  it('is one identity, one account and one limit key whatever the case of an email', async () => {
    const t = await setup();
    await seedAccount(storage.db, { contact: 'Mike@example.org', name: 'Mike', password: PASSWORD });
    const variants = ['MIKE@example.org', 'mike@example.org', 'Mike@Example.org', 'mIKE@example.org'];
    const answers = [];
    for (const contact of variants) answers.push((await t.register(contact, '192.0.2.1')).status);
    expect(answers).toEqual([202, 429, 429, 429]);
    // The owner was told, at the address as stored.
    expect(t.messages.sent.map((m) => m.to)).toEqual(['Mike@example.org']);
    const signIn = await post(t.app, paths.login, {
      channel: 'email',
      contact: 'MIKE@EXAMPLE.ORG',
      password: PASSWORD,
    });
    expect(signIn.status).toBe(200);
  });

  it('refuses line breaks, tabs and other controls anywhere in a contact, saying so', async () => {
    const t = await setup();
    for (const contact of ['a@x.y\r\nBcc: victim@x.y', 'a@x.y\n', '+7 701\t123 45 67', 'a\u200b@mail.kz']) {
      const response = await t.register(contact, '192.0.2.1');
      expect(response.status, JSON.stringify(contact)).toBe(400);
      expect((await errorOf(response)).message).toMatch(/line breaks, tabs or other control characters/);
    }
    expect(t.messages.sent).toHaveLength(0);
  });

  it('refuses a password that is the site’s id or name with digits around it', async () => {
    const t = await setup();
    for (const password of ['News2024', '1news1', 'NEWS123456']) {
      const response = await post(
        t.app,
        paths.registerStart,
        { channel: 'email', contact: 'a@mail.kz', name: 'Ерлан', password },
        { ip: '192.0.2.1' },
      );
      expect((await errorOf(response)).code, password).toBe('password_weak');
    }
  });

  it('makes its own request ids, logging a client’s id, network and user beside them', async () => {
    const t = await setup();
    const response = await t.app.request(paths.resetStart, {
      method: 'POST',
      headers: {
        origin: ORIGIN,
        'content-type': 'application/json',
        'x-request-id': 'forged id=1 <x>',
        'x-test-client-ip': '2a02:8084:1:2::7',
      },
      body: JSON.stringify({ channel: 'email', contact: 'a@mail.kz' }),
    });
    const id = response.headers.get('x-request-id')!;
    expect(id).not.toMatch(/forged/);
    const line = t.logs.find((l) => l.startsWith(`${id} POST`))!;
    expect(line).toMatch(/ net=2a02:8084:1:2::\/64 user=- client-id=forgedid1x$/);
  });
});
