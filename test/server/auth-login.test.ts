import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/storage/db.ts';
import type { SignedIn } from '../../shared/api.ts';
import { channelOf, get, PASSWORD, paths, post } from '../helpers/auth-client.ts';
import { engines } from '../helpers/engines.ts';
import { errorOf, testApp } from '../helpers/test-app.ts';

const MINUTE = 60_000;
const EMAIL = 'dinara@mail.kz';
const PHONE = '+77471234567';

describe.each(engines)('sign-in on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
  });
  afterEach(() => storage.close());

  async function signUp(contact: string, password = PASSWORD) {
    const channel = channelOf(contact);
    await post(t.app, paths.registerStart, { channel, contact, name: 'Динара', password });
    const code = t.messages.lastCode(contact);
    const response = await post(t.app, paths.registerConfirm, { channel, contact, code, password });
    expect(response.status).toBe(200);
    return (await response.json()) as SignedIn;
  }
  const login = (contact: string, password: string, ip?: string) =>
    post(t.app, paths.login, { channel: channelOf(contact), contact, password }, { ip });

  it('signs in by email or phone as typed, with a new session each time', async () => {
    const registered = await signUp(EMAIL);
    const signedIn = await login(' dinara@MAIL.KZ ', PASSWORD);
    expect(signedIn.status).toBe(200);
    const body = (await signedIn.json()) as SignedIn;
    expect(body.user).toEqual(registered.user);
    expect(body.token).not.toBe(registered.token);
    expect((await get(t.app, paths.me, { token: body.token })).status).toBe(200);

    await signUp(PHONE);
    expect((await login('8 747 123 45 67', PASSWORD)).status).toBe(200);
  });

  it('gives one answer for an unknown account and a wrong password', async () => {
    await signUp(EMAIL);
    const wrong = await login(EMAIL, `${PASSWORD}x`);
    const unknown = await login('nobody@mail.kz', PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('takes the password exactly as sent: no trimming, no case folding', async () => {
    await signUp(EMAIL);
    expect((await login(EMAIL, ` ${PASSWORD}`)).status).toBe(401);
    expect((await login(EMAIL, PASSWORD.toLowerCase())).status).toBe(401);
    t.clock.advance(MINUTE);
    expect((await login(EMAIL, PASSWORD)).status).toBe(200);
  });

  it('delays after 5 failures, 30 s doubling to 15 minutes, for known and unknown accounts alike', async () => {
    await signUp(EMAIL);
    for (const contact of [EMAIL, 'nobody@mail.kz']) {
      for (let i = 0; i < 5; i++) expect((await login(contact, 'Wrong1234')).status).toBe(401);
      const waits: number[] = [];
      for (let i = 0; i < 6; i++) {
        const early = await login(contact, 'Wrong1234');
        expect(early.status).toBe(429);
        const { code, retryAfter } = await errorOf(early);
        expect(code).toBe('rate_limited');
        waits.push(retryAfter!);
        t.clock.advance(retryAfter! * 1000);
        expect((await login(contact, 'Wrong1234')).status).toBe(401);
      }
      expect(waits).toEqual([30, 60, 120, 240, 480, 900]);
      const capped = await errorOf(await login(contact, 'Wrong1234'));
      expect(capped.retryAfter).toBe(900);
      t.clock.advance(900_000);
    }
    // Even the right password waits its turn, and then clears the count.
    expect((await login(EMAIL, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(EMAIL, 'Wrong1234', '198.51.100.99')).status).toBe(401);
  });

  it('throttles a network trying many accounts, but not other networks', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await login(`user${i}@mail.kz`, 'Wrong1234', '198.51.100.7')).status).toBe(401);
    }
    const throttled = await login('user20@mail.kz', 'Wrong1234', '198.51.100.7');
    expect(throttled.status).toBe(429);
    expect((await errorOf(throttled)).retryAfter).toBe(30);
    expect((await login('user20@mail.kz', 'Wrong1234', '198.51.100.8')).status).toBe(401);
  });

  it('tells the admins of a lockout: a structured log line and a service message, the contact masked', async () => {
    await signUp(EMAIL);
    await t.db
      .insertInto('sign_in_failures')
      .values({ key: `contact:${EMAIL}`, failures: 99, last_failed_at: 0 })
      .execute();
    expect((await login(EMAIL, 'Wrong1234', '198.51.100.3')).status).toBe(401);
    expect((await errorOf(await login(EMAIL, PASSWORD))).code).toBe('account_locked');
    expect(t.logs).toContainEqual(
      expect.stringMatching(/^alert kind=account_locked site=news message=".*d\*\*\*@mail\.kz/),
    );
    const told = await t.db.selectFrom('admin_log').select(['site_id', 'kind', 'message']).execute();
    expect(told).toEqual([
      {
        site_id: 'news',
        kind: 'account_locked',
        message: expect.stringMatching(
          /locked after 100 failed tries in a row \(last from network 198\.51\.100\.3\)/,
        ),
      },
    ]);
  });

  it('locks an account at 100 failures in a row until its password is reset', async () => {
    await signUp(EMAIL);
    for (let i = 0; i < 100; i++) {
      const response = await login(EMAIL, 'Wrong1234', `198.51.100.${i % 50}`);
      expect(response.status, `try ${i + 1}`).toBe(401);
      t.clock.advance(15 * MINUTE);
    }
    const locked = await login(EMAIL, PASSWORD);
    expect(locked.status).toBe(429);
    expect((await errorOf(locked)).code).toBe('account_locked');
    t.clock.advance(24 * 60 * MINUTE);
    expect((await errorOf(await login(EMAIL, PASSWORD))).code).toBe('account_locked');

    await post(t.app, paths.resetStart, { channel: 'email', contact: EMAIL });
    const verified = await post(t.app, paths.resetVerify, {
      channel: 'email',
      contact: EMAIL,
      code: t.messages.lastCode(EMAIL),
    });
    const { ticket } = (await verified.json()) as { ticket: string };
    expect((await post(t.app, paths.resetFinish, { ticket, password: 'NewPass2026x' })).status).toBe(204);
    expect((await login(EMAIL, 'NewPass2026x')).status).toBe(200);
  }, 60_000);
});
