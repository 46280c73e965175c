import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/storage/db.ts';
import type { PowChallenge } from '../../shared/errors.ts';
import { channelOf, PASSWORD, paths, post } from '../helpers/auth-client.ts';
import { engines } from '../helpers/engines.ts';
import { solvedProof } from '../helpers/proof-of-work.ts';
import { errorOf, testApp } from '../helpers/test-app.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PHONE = '+77011234567';
const EMAIL = 'erlan@mail.kz';

/** Valid Kazakh mobile numbers, a different one for each n. */
const phone = (n: number) => `+7701${String(10_000_000 + n).slice(1)}`;
/** Valid Kazakh mobile numbers in a different number range (8 digits) for each n below 1000. */
const spread = (n: number) => `+7701${String(1000 + n).slice(1)}1234`;

describe.each(engines)('send limits on $engine', ({ open }) => {
  let storage: Storage;
  afterEach(() => storage.close());

  async function setup(settings = {}) {
    storage = await open();
    const t = await testApp(storage, { settings });
    const register = (contact: string, ip?: string) =>
      post(
        t.app,
        paths.registerStart,
        { channel: channelOf(contact), contact, name: 'Ерлан', password: PASSWORD },
        { ip },
      );
    const resend = (contact: string, ip?: string) =>
      post(t.app, paths.resend, { purpose: 'register', channel: channelOf(contact), contact }, { ip });
    const reset = (contact: string, ip?: string) =>
      post(t.app, paths.resetStart, { channel: channelOf(contact), contact }, { ip });
    return { ...t, register, resend, reset };
  }

  it('refuses a resend before 59 seconds with the seconds left, in the body and Retry-After', async () => {
    const t = await setup();
    expect((await t.register(PHONE)).status).toBe(202);
    t.clock.advance(20_000);
    const early = await t.resend(PHONE);
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('39');
    expect(await errorOf(early)).toMatchObject({ code: 'rate_limited', retryAfter: 39 });
    t.clock.advance(38_500);
    expect((await errorOf(await t.resend(PHONE))).retryAfter).toBe(1);
    t.clock.advance(500);
    expect((await t.resend(PHONE)).status).toBe(202);
    expect(t.messages.to(PHONE)).toHaveLength(2);
  });

  it('lets only one of simultaneous sends to one contact through', async () => {
    const t = await setup();
    const answers = await Promise.all([t.reset(EMAIL), t.reset(EMAIL), t.register(EMAIL), t.register(EMAIL)]);
    expect(answers.map((r) => r.status).sort()).toEqual([202, 429, 429, 429]);
    expect(t.messages.sent.length).toBeLessThanOrEqual(1);
  });

  it('holds the 59 seconds across purposes and for a contact typed differently', async () => {
    const t = await setup();
    await t.register(PHONE);
    t.clock.advance(10_000);
    expect((await t.reset('8 701 123 45 67')).status).toBe(429);
  });

  it('sends at most 5 codes an hour and 10 a day to one contact', async () => {
    const t = await setup();
    for (let i = 0; i < 5; i++) {
      expect((await t.resend(EMAIL)).status, `send ${i + 1}`).toBe(202);
      t.clock.advance(MINUTE);
    }
    // Past five in the hour: the wait runs until the first of them leaves the hour.
    const sixth = await t.resend(EMAIL);
    expect(sixth.status).toBe(429);
    expect((await errorOf(sixth)).retryAfter).toBe(55 * 60);
    t.clock.advance(5 * MINUTE);
    expect((await t.resend(EMAIL)).status).toBe(429);

    t.clock.advance(HOUR);
    for (let i = 0; i < 5; i++) {
      expect((await t.resend(EMAIL)).status, `send ${i + 6}`).toBe(202);
      t.clock.advance(MINUTE);
    }
    t.clock.advance(2 * HOUR);
    const eleventh = await t.resend(EMAIL);
    expect(eleventh.status).toBe(429);
    // The day's first send is about 3 h 10 min old: it leaves the 24 h window in about 20 h 50 min.
    expect((await errorOf(eleventh)).retryAfter).toBeGreaterThan(20 * 3600);
    t.clock.advance(21 * HOUR);
    expect((await t.resend(EMAIL)).status).toBe(202);
  }, 30_000);

  it('caps sends per client network: 10 per 10 minutes, IPv6 counted by /64', async () => {
    const t = await setup();
    for (let i = 0; i < 10; i++) {
      expect((await t.reset(phone(i), '2a02:8084:1:2:aaaa::1')).status).toBe(202);
    }
    const sameNetwork = await t.reset(phone(10), '2a02:8084:1:2:bbbb:cccc:dddd:eeee');
    expect(sameNetwork.status).toBe(429);
    expect((await errorOf(sameNetwork)).retryAfter).toBe(600);
    expect((await t.reset(phone(11), '2a02:8084:1:3::1')).status).toBe(202);
    expect((await t.reset(phone(12), '198.51.100.1')).status).toBe(202);
    t.clock.advance(10 * MINUTE);
    expect((await t.reset(phone(13), '2a02:8084:1:2::5')).status).toBe(202);
  });

  it('caps sends per network at 50 a day', async () => {
    const t = await setup();
    for (let i = 0; i < 50; i++) {
      expect((await t.reset(phone(i), '198.51.100.9')).status).toBe(202);
      if (i % 10 === 9) t.clock.advance(10 * MINUTE);
    }
    expect((await t.reset(phone(50), '198.51.100.9')).status).toBe(429);
  }, 30_000);

  // The site-wide cap of 100 sends per 10 minutes (every channel, every purpose) turned an SMS storm
  // into a lock-out of every reader. A busy site now asks for a challenge; it never refuses.
  it('asks for a challenge, never refuses, when a country sends many SMS; email and resets go on', async () => {
    const t = await setup();
    // 30 SMS in 10 minutes to Kazakhstan, each from another network and number range.
    for (let i = 0; i < 30; i++) {
      const response = await t.register(spread(i), `198.51.${i}.1`);
      expect(response.status, `send ${i + 1}`).toBe(202);
    }
    const hot = await t.register(spread(50), '198.51.50.1');
    expect(t.logs.at(-1)).toMatch(/ 428 .*hot=country:10m/);
    expect(hot.status).toBe(428);
    const { challenge } = ((await hot.json()) as { error: { challenge: PowChallenge } }).error;
    const proof = await solvedProof(challenge);
    const body = { channel: 'phone', contact: spread(50), name: 'Ерлан', password: PASSWORD, proof };
    expect((await post(t.app, paths.registerStart, body, { ip: '198.51.50.1' })).status).toBe(202);
    // A solution is good for one request.
    t.clock.advance(60_000);
    const again = await post(t.app, paths.registerStart, body, { ip: '198.51.50.1' });
    expect((await errorOf(again)).code).toBe('challenge_required');
    // Other channels and kinds of send have allowances of their own.
    expect((await t.register(EMAIL, '198.51.200.1')).status).toBe(202);
    expect((await t.reset(spread(60), '198.51.201.1')).status).toBe(202);
    expect(t.messages.sent).toHaveLength(32);
  }, 30_000);

  it('stops SMS when the site budget is spent; email still works and the admin log says why', async () => {
    const t = await setup({ smsDailyBudget: 2 });
    expect((await t.register(phone(1))).status).toBe(202);
    expect((await t.register(phone(2))).status).toBe(202);
    const third = await t.register(phone(3));
    expect(third.status).toBe(503);
    expect((await errorOf(third)).code).toBe('sms_unavailable');
    // Same answer for a reset, whether or not the number has an account.
    expect((await errorOf(await t.reset(phone(4)))).code).toBe('sms_unavailable');
    expect((await t.register(EMAIL)).status).toBe(202);
    expect(t.messages.sent.map((m) => m.channel)).toEqual(['sms', 'sms', 'email']);

    await t.register(phone(5));
    // Once, for all the refusals; the 50 % and 80 % marks were told on the way (one line each).
    const log = await storage.db.selectFrom('admin_log').selectAll().where('site_id', '=', 'news').execute();
    expect(log.map((l) => l.kind).sort()).toEqual(['sms_budget_50', 'sms_budget_80', 'sms_budget_exhausted']);
    const spent = log.find((l) => l.kind === 'sms_budget_exhausted')!;
    expect(spent.message).toMatch(/daily SMS budget of 2 messages is spent/);

    // The refused number was not charged its own allowance: it may try again once SMS is back.
    t.clock.advance(24 * HOUR);
    expect((await t.register(phone(3))).status).toBe(202);
  });

  it('does not count a failed send against the reader or the SMS budget', async () => {
    const t = await setup({ smsDailyBudget: 1 });
    t.messages.fail();
    expect((await t.register(PHONE)).status).toBe(502);
    t.messages.fail(false);
    expect((await t.register(PHONE)).status).toBe(202);
  });
});
