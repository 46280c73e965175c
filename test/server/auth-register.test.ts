import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/storage/db.ts';
import { createSite } from '../../server/storage/sites.ts';
import type { CodeSent, Me, SignedIn } from '../../shared/api.ts';
import { CODE_TTL_MS } from '../../shared/limits.ts';
import { channelOf, get, PASSWORD, paths, post } from '../helpers/auth-client.ts';
import { engines } from '../helpers/engines.ts';
import { errorOf, testApp } from '../helpers/test-app.ts';

const PHONE = '+77011234567';
const EMAIL = 'aigerim@mail.kz';

describe.each(engines)('registration on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
  });
  afterEach(() => storage.close());

  const start = (contact: string, extra: Record<string, unknown> = {}) =>
    post(t.app, paths.registerStart, {
      channel: channelOf(contact),
      contact,
      name: 'Айгерим',
      password: PASSWORD,
      ...extra,
    });
  const confirm = (contact: string, code: string, password = PASSWORD) =>
    post(t.app, paths.registerConfirm, { channel: channelOf(contact), contact, code, password });
  const users = () => storage.db.selectFrom('users').selectAll().execute();

  it('registers by phone: typed as 8 701…, code by SMS, signed in on confirm', async () => {
    const started = await start('8 (701) 123-45-67');
    expect(started.status).toBe(202);
    expect(await started.json()).toEqual({ channel: 'phone', resendAfter: 59 } satisfies CodeSent);
    expect(await users()).toEqual([]);

    const [sms] = t.messages.to(PHONE);
    expect(sms).toMatchObject({ channel: 'sms' });
    const code = t.messages.lastCode(PHONE);
    expect(sms!.text).toContain('News');
    expect(sms!.text).not.toContain('Айгерим');
    // The WebOTP line names the page that asked, so the browser can offer the code to it.
    expect(sms!.text.endsWith(`@news.example.kz #${code}`)).toBe(true);

    const confirmed = await confirm('+7 701 123 45 67', code);
    expect(confirmed.status).toBe(200);
    const body = (await confirmed.json()) as SignedIn;
    expect(body.user).toMatchObject({ name: 'Айгерим', admin: false });
    expect(body.token.length).toBeGreaterThanOrEqual(22);
    const [user] = await users();
    expect(user).toMatchObject({ id: body.user.id, phone: PHONE, email: null, display_name: 'Айгерим' });
    expect(user!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const me = await get(t.app, paths.me, { token: body.token });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ user: body.user } satisfies Me);
  });

  it('registers by email, with the code in a localised email that names the site', async () => {
    expect((await start(' Aigerim@MAIL.kz ', { lang: 'kk' })).status).toBe(202);
    const [mail] = t.messages.to('Aigerim@mail.kz');
    expect(mail).toMatchObject({ channel: 'email' });
    if (mail?.channel !== 'email') throw new Error('no email');
    expect(mail.subject).toBe('News сайтында тіркелу коды');
    expect(mail.html).toContain(t.messages.lastCode('Aigerim@mail.kz'));
    expect(mail.text).not.toContain('Айгерим');

    const confirmed = await confirm('Aigerim@mail.kz', t.messages.lastCode('Aigerim@mail.kz'));
    expect(confirmed.status).toBe(200);
    expect((await users())[0]).toMatchObject({ email: 'Aigerim@mail.kz', phone: null });
  });

  it('answers a taken contact like a new one, and sends its owner a notice instead of a code', async () => {
    await start(EMAIL);
    await confirm(EMAIL, t.messages.lastCode(EMAIL));
    t.clock.advance(60_000);

    const again = await start(EMAIL, { name: 'Someone else', password: 'Other9Password' });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ channel: 'email', resendAfter: 59 });
    const notice = t.messages.to(EMAIL).at(-1)!;
    expect(notice.channel === 'email' && notice.subject).toBe('У вас уже есть аккаунт на News');
    expect(notice.text).not.toMatch(/\d{6}/);
    expect(await users()).toHaveLength(1);
    // And nothing the second registrant sent can be confirmed.
    expect(await storage.db.selectFrom('codes').where('used_at', 'is', null).selectAll().execute()).toEqual(
      [],
    );
  });

  it("cannot be finished with someone else's password after a second start replaced it", async () => {
    const victim = 'victim@mail.kz';
    expect((await start(victim)).status).toBe(202);
    t.clock.advance(60_000);
    // Someone else starts a registration for the same address with a password of their own.
    expect((await start(victim, { name: 'Attacker', password: 'Attacker99x' })).status).toBe(202);
    const response = await confirm(victim, t.messages.lastCode(victim), PASSWORD);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('code_invalid');
    expect(await users()).toEqual([]);
  });

  it('refuses the right code with a password other than the one given at the start', async () => {
    await start('reader@mail.kz');
    const response = await confirm('reader@mail.kz', t.messages.lastCode('reader@mail.kz'), 'Different1x');
    expect((await errorOf(response)).code).toBe('code_invalid');
    expect(await users()).toEqual([]);
  });

  it('kills a code after 5 wrong tries, even for the right code afterwards', async () => {
    await start(EMAIL);
    const code = t.messages.lastCode(EMAIL);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const response = await confirm(EMAIL, wrong);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('code_invalid');
    }
    const late = await confirm(EMAIL, code);
    expect((await errorOf(late)).code).toBe('code_invalid');
    expect(await users()).toEqual([]);
  });

  it('accepts the right code on the fifth try', async () => {
    await start(EMAIL);
    const code = t.messages.lastCode(EMAIL);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) await confirm(EMAIL, wrong);
    expect((await confirm(EMAIL, code)).status).toBe(200);
  });

  it('lets a code expire after 10 minutes', async () => {
    await start(EMAIL);
    const code = t.messages.lastCode(EMAIL);
    t.clock.advance(CODE_TTL_MS);
    expect((await errorOf(await confirm(EMAIL, code))).code).toBe('code_invalid');

    t.clock.advance(60_000);
    await post(t.app, paths.resend, { purpose: 'register', channel: 'email', contact: EMAIL });
    const fresh = t.messages.lastCode(EMAIL);
    t.clock.advance(CODE_TTL_MS - 1);
    expect((await confirm(EMAIL, fresh)).status).toBe(200);
  });

  it('uses a code once: of two simultaneous correct confirmations exactly one succeeds', async () => {
    await start(PHONE);
    const code = t.messages.lastCode(PHONE);
    const answers = await Promise.all([confirm(PHONE, code), confirm(PHONE, code), confirm(PHONE, code)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    expect(await users()).toHaveLength(1);
    expect((await errorOf(await confirm(PHONE, code))).code).toBe('code_invalid');
  });

  it('replaces the code on resend, keeping the registration', async () => {
    await start(PHONE);
    const first = t.messages.lastCode(PHONE);
    t.clock.advance(59_000);
    const resent = await post(t.app, paths.resend, { purpose: 'register', channel: 'phone', contact: PHONE });
    expect(resent.status).toBe(202);
    const second = t.messages.lastCode(PHONE);
    if (first !== second) expect((await errorOf(await confirm(PHONE, first))).code).toBe('code_invalid');
    const confirmed = await confirm(PHONE, second);
    expect(confirmed.status).toBe(200);
    expect(((await confirmed.json()) as SignedIn).user.name).toBe('Айгерим');
  });

  it('does not take a register code for another contact, a reset or another site', async () => {
    await start(PHONE);
    const code = t.messages.lastCode(PHONE);
    expect((await errorOf(await confirm('+77011234568', code))).code).toBe('code_invalid');
    const reset = await post(t.app, paths.resetVerify, { channel: 'phone', contact: PHONE, code });
    expect((await errorOf(reset)).code).toBe('code_invalid');
    await createSite(storage.db, { id: 'other', name: 'Other', origins: ['https://other.kz'] }, 0);
    const elsewhere = await post(
      t.app,
      '/api/sites/other/auth/register/confirm',
      { channel: 'phone', contact: PHONE, code, password: PASSWORD },
      { origin: 'https://other.kz' },
    );
    expect((await errorOf(elsewhere)).code).toBe('code_invalid');
  });

  it('refuses common passwords and passwords that repeat the contact', async () => {
    for (const [contact, password] of [
      [EMAIL, 'qwerty123'],
      [EMAIL, 'Password1'],
      [EMAIL, 'AIGERIM'],
      [PHONE, '77011234567'],
      [PHONE, '7011234567'],
      [PHONE, '87011234567'],
    ] as const) {
      const response = await start(contact, { password });
      expect(response.status, password).toBe(400);
      expect((await errorOf(response)).code, password).toBe('password_weak');
    }
    const ruleBroken = await start(EMAIL, { password: 'пароль123' });
    expect((await errorOf(ruleBroken)).code).toBe('invalid_request');
    expect(t.messages.sent).toEqual([]);
  });

  it('refuses unknown fields, a contact on the wrong tab and bad names', async () => {
    const extra = await start(EMAIL, { admin: true });
    expect(extra.status).toBe(400);
    expect(await errorOf(extra)).toMatchObject({
      code: 'invalid_request',
      message: 'admin: is not a known field',
    });
    expect((await errorOf(await start(EMAIL, { channel: 'phone' }))).code).toBe('contact_invalid');
    expect((await errorOf(await start(PHONE, { channel: 'email' }))).code).toBe('contact_invalid');
    expect((await errorOf(await start('+7 701 12'))).code).toBe('contact_invalid');
    expect((await errorOf(await start(EMAIL, { name: 'A\u202eB' }))).code).toBe('invalid_request');
    expect(t.messages.sent).toEqual([]);
  });

  it('sends SMS only to the countries the site allows', async () => {
    const russian = await start('+7 912 345 67 89');
    expect(russian.status).toBe(400);
    expect((await errorOf(russian)).code).toBe('sms_country_not_allowed');
    expect(t.messages.sent).toEqual([]);
  });

  it('stores nothing when the SMS gateway fails, and the reader may try again at once', async () => {
    t.messages.fail();
    const failed = await start(PHONE);
    expect(failed.status).toBe(502);
    expect((await errorOf(failed)).code).toBe('delivery_failed');
    expect(await storage.db.selectFrom('codes').selectAll().execute()).toEqual([]);
    expect(await users()).toEqual([]);
    expect(t.logs.join('\n')).toMatch(/delivery failed on site news: gateway down/);

    t.messages.fail(false);
    expect((await start(PHONE)).status).toBe(202);
    expect((await confirm(PHONE, t.messages.lastCode(PHONE))).status).toBe(200);
  });

  it('signs out: the session ends on the server', async () => {
    await start(EMAIL);
    const { token } = (await (await confirm(EMAIL, t.messages.lastCode(EMAIL))).json()) as SignedIn;
    const out = await post(t.app, paths.logout, {}, { token });
    expect(out.status).toBe(204);
    expect((await errorOf(await get(t.app, paths.me, { token }))).code).toBe('unauthorized');
    expect((await post(t.app, paths.logout, {}, { token })).status).toBe(401);
  });

  it('refuses a session on another site', async () => {
    await start(EMAIL);
    const { token } = (await (await confirm(EMAIL, t.messages.lastCode(EMAIL))).json()) as SignedIn;
    await createSite(storage.db, { id: 'other', name: 'Other', origins: ['https://other.kz'] }, 0);
    const me = await get(t.app, '/api/sites/other/auth/me', { token, origin: 'https://other.kz' });
    expect(me.status).toBe(401);
    const wrongOrigin = await get(t.app, paths.me, { token, origin: 'https://other.kz' });
    expect((await errorOf(wrongOrigin)).code).toBe('origin_not_allowed');
  });
});

describe.each(engines)('admins on $engine', ({ open }) => {
  let storage: Storage;
  afterEach(() => storage.close());

  it('marks the site admins and the ADMINS list as admin', async () => {
    storage = await open();
    const t = await testApp(storage, { admins: ['boss@example.kz'] });
    await storage.db
      .insertInto('site_admins')
      .values({ site_id: 'news', contact: PHONE, created_at: 0 })
      .execute();
    const signUp = async (contact: string) => {
      await post(t.app, paths.registerStart, {
        channel: channelOf(contact),
        contact,
        name: 'Name',
        password: PASSWORD,
      });
      const response = await post(t.app, paths.registerConfirm, {
        channel: channelOf(contact),
        contact,
        code: t.messages.lastCode(contact),
        password: PASSWORD,
      });
      return ((await response.json()) as SignedIn).user.admin;
    };
    expect(await signUp('boss@example.kz')).toBe(true);
    expect(await signUp(PHONE)).toBe(true);
    expect(await signUp(EMAIL)).toBe(false);
  });
});
