import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/storage/db.ts';
import type { ResetTicket, SignedIn } from '../../shared/api.ts';
import { CODE_TTL_MS } from '../../shared/limits.ts';
import { channelOf, get, PASSWORD, paths, post } from '../helpers/auth-client.ts';
import { engines } from '../helpers/engines.ts';
import { errorOf, testApp } from '../helpers/test-app.ts';

const PHONE = '+77771234567';
const EMAIL = 'maksim@mail.kz';
const NEW_PASSWORD = 'Tenge2026rate';

describe.each(engines)('password reset on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
  });
  afterEach(() => storage.close());

  async function signUp(contact: string) {
    const channel = channelOf(contact);
    await post(t.app, paths.registerStart, { channel, contact, name: 'Максим', password: PASSWORD });
    const response = await post(t.app, paths.registerConfirm, {
      channel,
      contact,
      password: PASSWORD,
      code: t.messages.lastCode(contact),
    });
    t.clock.advance(60_000);
    return (await response.json()) as SignedIn;
  }
  const start = (contact: string) => post(t.app, paths.resetStart, { channel: channelOf(contact), contact });
  const verify = (contact: string, code: string) =>
    post(t.app, paths.resetVerify, { channel: channelOf(contact), contact, code });
  const finish = (ticket: string, password = NEW_PASSWORD) =>
    post(t.app, paths.resetFinish, { ticket, password });
  const login = (contact: string, password: string) =>
    post(t.app, paths.login, { channel: channelOf(contact), contact, password });

  it('changes the password by code, ends every session, and the new password signs in', async () => {
    const first = await signUp(PHONE);
    const second = (await (await login(PHONE, PASSWORD)).json()) as SignedIn;

    const started = await start('8 777 123 45 67');
    expect(started.status).toBe(202);
    expect(await started.json()).toEqual({ channel: 'phone', resendAfter: 59 });
    const sms = t.messages.to(PHONE).at(-1)!;
    expect(sms.text).toMatch(/для смены пароля на News/);

    const verified = await verify(PHONE, t.messages.lastCode(PHONE));
    expect(verified.status).toBe(200);
    const { ticket } = (await verified.json()) as ResetTicket;
    expect(ticket.length).toBeGreaterThanOrEqual(32);

    expect((await finish(ticket)).status).toBe(204);
    for (const token of [first.token, second.token]) {
      expect((await get(t.app, paths.me, { token })).status).toBe(401);
    }
    expect((await login(PHONE, PASSWORD)).status).toBe(401);
    expect((await login(PHONE, NEW_PASSWORD)).status).toBe(200);
  });

  it('answers the same for an unknown contact, and sends it nothing', async () => {
    await signUp(EMAIL);
    const known = await start(EMAIL);
    const unknown = await start('stranger@mail.kz');
    expect(unknown.status).toBe(known.status);
    expect(await unknown.json()).toEqual(await known.json());
    expect(t.messages.to('stranger@mail.kz')).toEqual([]);
    // Limits apply to unknown contacts too, so they cannot be told apart by them either.
    t.clock.advance(10_000);
    expect((await start('stranger@mail.kz')).status).toBe(429);
    expect((await start(EMAIL)).status).toBe(429);
    const guessed = await verify('stranger@mail.kz', '123456');
    expect((await errorOf(guessed)).code).toBe('code_invalid');
  });

  it('uses a ticket once, within 10 minutes, on its own site', async () => {
    await signUp(EMAIL);
    await start(EMAIL);
    const { ticket } = (await (await verify(EMAIL, t.messages.lastCode(EMAIL))).json()) as ResetTicket;
    expect((await verify(EMAIL, t.messages.lastCode(EMAIL))).status).toBe(400);
    expect((await finish(ticket)).status).toBe(204);
    expect((await errorOf(await finish(ticket, 'Another2026x'))).code).toBe('code_invalid');

    t.clock.advance(60_000);
    await start(EMAIL);
    const late = (await (await verify(EMAIL, t.messages.lastCode(EMAIL))).json()) as ResetTicket;
    t.clock.advance(CODE_TTL_MS);
    expect((await errorOf(await finish(late.ticket, 'Another2026x'))).code).toBe('code_invalid');
    expect((await login(EMAIL, NEW_PASSWORD)).status).toBe(200);
  });

  it('holds the new password to the same rule, without using the ticket up', async () => {
    await signUp(EMAIL);
    await start(EMAIL);
    const { ticket } = (await (await verify(EMAIL, t.messages.lastCode(EMAIL))).json()) as ResetTicket;
    expect((await errorOf(await finish(ticket, 'iloveyou'))).code).toBe('password_weak');
    expect((await errorOf(await finish(ticket, 'Maksim'))).code).toBe('password_weak');
    expect((await errorOf(await finish(ticket, 'short'))).code).toBe('invalid_request');
    expect((await finish(ticket)).status).toBe(204);
  });

  it('does not take a registration code or a code for another contact', async () => {
    await signUp(EMAIL);
    await post(t.app, paths.registerStart, {
      channel: 'phone',
      contact: PHONE,
      name: 'X Y',
      password: PASSWORD,
    });
    expect((await errorOf(await verify(PHONE, t.messages.lastCode(PHONE)))).code).toBe('code_invalid');
    await start(EMAIL);
    expect((await errorOf(await verify('other@mail.kz', t.messages.lastCode(EMAIL)))).code).toBe(
      'code_invalid',
    );
  });
});
