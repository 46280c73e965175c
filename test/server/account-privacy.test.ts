import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createResetTicket } from '../../server/auth/reset-tickets.ts';
import { createSession } from '../../server/auth/sessions.ts';
import { addSiteAdmin, listSiteAdmins } from '../../server/storage/admins.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite, updateSiteSettings } from '../../server/storage/sites.ts';
import type { AccountExport, ThreadPage } from '../../shared/api.ts';
import { posted, type Reader, signedIn, widget } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { seedAccount } from '../helpers/seed.ts';
import { errorOf, ORIGIN, SITE, testApp } from '../helpers/test-app.ts';

const EMAIL = 'Asel.Reader@mail.example.kz';
const PHONE = '+77011234567';

describe.each(engines)('the reader’s own data on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;
  let api: ReturnType<typeof widget>;
  let asel: Reader;
  let other: Reader;
  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
    api = widget(t);
    const id = await seedAccount(t.db, { contact: EMAIL, name: 'Асель', password: 'Zq8vLm2kPx' });
    asel = { id, token: await createSession(t.db, id, SITE, t.clock.now()) };
    other = await signedIn(t, 'Бота');
  });
  afterEach(() => storage.close());

  const call = (method: string, path: string, who?: Reader, body?: unknown, origin = ORIGIN, site = SITE) =>
    t.app.request(`/api/sites/${site}/account${path}`, {
      method,
      headers: {
        Origin: origin,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(who ? { Authorization: `Bearer ${who.token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const download = (who?: Reader) => call('GET', '/export', who);
  const askCode = (who?: Reader) => call('POST', '/delete', who, { lang: 'ru' });
  const confirm = (who: Reader | undefined, code: string) => call('POST', '/delete/confirm', who, { code });
  const me = (who: Reader) =>
    t.app.request(`/api/sites/${SITE}/auth/me`, {
      headers: { Origin: ORIGIN, Authorization: `Bearer ${who.token}` },
    });
  const threadNames = async () => {
    const { body } = await api.thread();
    return (body as ThreadPage).comments.map((c) => [
      c.author,
      c.text,
      c.replies.map((r) => [r.author, r.text]),
    ]);
  };
  const emailCode = () => t.messages.lastCode(EMAIL);

  it('downloads the account, its comments and complaints as JSON', async () => {
    const mine = await posted(await api.post(asel, { text: 'Первый комментарий' }));
    const theirs = await posted(await api.post(other, { text: 'Чужой' }));
    expect((await api.report(asel, theirs, { reason: 'spam' })).status).toBe(201);
    const response = await download(asel);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const data = (await response.json()) as AccountExport;
    expect(data.account).toMatchObject({
      id: asel.id,
      name: 'Асель',
      email: EMAIL,
      phone: null,
      sessions: 1,
    });
    expect(JSON.stringify(data)).not.toContain('argon2');
    expect(data.comments).toEqual([
      expect.objectContaining({
        id: mine,
        site: SITE,
        page: 'a',
        pageTitle: 'Article',
        text: 'Первый комментарий',
        status: 'published',
      }),
    ]);
    expect(data.complaints).toEqual([
      expect.objectContaining({ commentId: theirs, reason: 'spam', site: SITE }),
    ]);
    expect(data.notifications).toEqual([]);
  });

  it('refuses anonymous readers, other origins and sessions of another site', async () => {
    expect((await download()).status).toBe(401);
    expect((await askCode()).status).toBe(401);
    expect((await confirm(undefined, '123456')).status).toBe(401);
    expect((await call('GET', '/export', asel, undefined, 'https://evil.example')).status).toBe(403);
    await createSite(t.db, { id: 'other', name: 'Other', origins: ['https://other.example.kz'] }, 0);
    const foreign = await call('GET', '/export', asel, undefined, 'https://other.example.kz', 'other');
    expect(foreign.status).toBe(401);
  });

  it('limits downloads to 10 an hour per reader', async () => {
    for (let i = 0; i < 10; i++) expect((await download(asel)).status).toBe(200);
    const refused = await download(asel);
    expect(refused.status).toBe(429);
    expect((await errorOf(refused)).code).toBe('rate_limited');
    expect((await download(other)).status).toBe(200);
    t.clock.advance(3600_000);
    expect((await download(asel)).status).toBe(200);
  });

  it('erases the account with a code sent to its own address: contact, sessions and codes go, comments stay anonymous', async () => {
    const top = await posted(await api.post(asel, { text: 'Мой комментарий' }));
    t.clock.advance(20_000);
    await posted(await api.post(other, { text: 'Ответ', parentId: top }));
    // An anonymous reader reads the thread first: the server may keep that first page.
    const before = await api.thread();
    expect(before.body.comments[0]!.author.name).toBe('Асель');
    const etag = before.response.headers.get('etag');
    const sent = await askCode(asel);
    expect(sent.status).toBe(202);
    expect(await sent.json()).toEqual({ channel: 'email', resendAfter: 59 });
    const message = t.messages.to(EMAIL).at(-1)!;
    expect(message).toMatchObject({ channel: 'email', subject: 'Код для удаления аккаунта на News' });

    // A wrong code changes nothing.
    const wrong = await confirm(asel, emailCode() === '000000' ? '111111' : '000000');
    expect(wrong.status).toBe(400);
    expect((await errorOf(wrong)).code).toBe('code_invalid');
    expect((await me(asel)).status).toBe(200);

    expect((await confirm(asel, emailCode())).status).toBe(204);
    expect((await me(asel)).status).toBe(401);
    const row = await t.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', asel.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      display_name: '',
      email: null,
      email_key: null,
      phone: null,
      password_hash: null,
    });
    expect(row.deleted_at).not.toBeNull();
    expect(await t.db.selectFrom('sessions').selectAll().where('user_id', '=', asel.id).execute()).toEqual(
      [],
    );
    expect(await t.db.selectFrom('codes').selectAll().execute()).toEqual([]);
    const keys = (await t.db.selectFrom('rate_counters').select('key').execute()).map((r) => r.key);
    expect(keys.filter((k) => k.toLowerCase().includes(EMAIL.toLowerCase()))).toEqual([]);
    const ips = await t.db.selectFrom('comments').select('ip_key').where('author_id', '=', asel.id).execute();
    expect(ips).toEqual([{ ip_key: null }]);

    // The comment stays, by a deleted user, with its reply (also for a reader whose first page was cached).
    expect(await threadNames()).toEqual([
      [{ id: '', name: '', deleted: true }, 'Мой комментарий', [[{ id: other.id, name: 'Бота' }, 'Ответ']]],
    ]);
    if (etag) expect((await api.thread()).response.headers.get('etag')).not.toBe(etag);
    // The contact is free again: it may register anew.
    const again = await t.app.request(`/api/sites/${SITE}/auth/register`, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: 'email', contact: EMAIL, name: 'Асель', password: 'Zq8vLm2kPx' }),
    });
    expect(again.status).toBe(202);
    expect(t.messages.to(EMAIL).at(-1)!.text).toMatch(/\d{6}/);
  });

  it('removes the comments on a site set to "remove", leaving a placeholder above replies', async () => {
    await updateSiteSettings(t.db, SITE, { deletedAuthorComments: 'remove' });
    const top = await posted(await api.post(asel, { text: 'С ответом' }));
    t.clock.advance(20_000);
    await posted(await api.post(asel, { text: 'Без ответа' }));
    t.clock.advance(20_000);
    await posted(await api.post(other, { text: 'Ответ', parentId: top }));
    await askCode(asel);
    expect((await confirm(asel, emailCode())).status).toBe(204);
    expect(await threadNames()).toEqual([
      [{ id: '', name: '' }, '', [[{ id: other.id, name: 'Бота' }, 'Ответ']]],
    ]);
    const texts = await t.db
      .selectFrom('comments')
      .select(['text', 'status'])
      .where('author_id', '=', asel.id)
      .execute();
    expect(texts).toEqual([
      { text: '', status: 'deleted' },
      { text: '', status: 'deleted' },
    ]);
    const { body } = await api.thread();
    expect(body.total).toBe(1);
  });

  it('keeps the audit log of a ban on an erased reader, without a contact', async () => {
    const comment = await posted(await api.post(asel, { text: 'Плохой' }));
    await t.db
      .insertInto('audit_log')
      .values({
        id: 'a1',
        site_id: SITE,
        actor_id: other.id,
        action: 'ban',
        comment_id: comment,
        target_user_id: asel.id,
        reason: 'spam',
        ban_until: null,
        created_at: t.clock.now(),
      })
      .execute();
    await askCode(asel);
    expect((await confirm(asel, emailCode())).status).toBe(204);
    const log = await t.db.selectFrom('audit_log').selectAll().execute();
    expect(log).toEqual([
      expect.objectContaining({ target_user_id: asel.id, comment_id: comment, reason: 'spam' }),
    ]);
  });

  it('takes away admin rights given to the erased contact, and its reset tickets', async () => {
    await addSiteAdmin(t.db, SITE, EMAIL.toLowerCase(), 0);
    await createResetTicket(t.db, asel.id, SITE, t.clock.now());
    await askCode(asel);
    expect((await confirm(asel, emailCode())).status).toBe(204);
    expect(await listSiteAdmins(t.db, SITE)).toEqual([]);
    expect(await t.db.selectFrom('reset_tickets').selectAll().execute()).toEqual([]);
  });

  it('sends the code by SMS to an account with a phone, in the reader’s language', async () => {
    const id = await seedAccount(t.db, { contact: PHONE, name: 'Ерлан' });
    const erlan = { id, token: await createSession(t.db, id, SITE, t.clock.now()) };
    const sent = await call('POST', '/delete', erlan, { lang: 'kk' });
    expect(sent.status).toBe(202);
    expect(await sent.json()).toEqual({ channel: 'phone', resendAfter: 59 });
    expect(t.messages.to(PHONE).at(-1)!.text).toContain('аккаунтты жою коды');
    // The 59 seconds between codes hold here too.
    expect((await call('POST', '/delete', erlan, {})).status).toBe(429);
    // A code for another purpose is no good.
    expect((await confirm(erlan, '123456')).status).toBe(400);
    expect((await confirm(erlan, t.messages.lastCode(PHONE))).status).toBe(204);
  });

  it('limits erasure tries to 10 an hour per reader', async () => {
    await askCode(asel);
    for (let i = 0; i < 10; i++) await confirm(asel, '000001');
    const refused = await confirm(asel, emailCode());
    expect(refused.status).toBe(429);
    expect((await me(asel)).status).toBe(200);
  });

  it('shows a site’s privacy policy to the widget with the thread', async () => {
    expect((await api.thread()).body.config.privacyPolicyUrl).toBeUndefined();
    await updateSiteSettings(t.db, SITE, { privacyPolicyUrl: 'https://news.example.kz/privacy' });
    expect((await api.thread()).body.config.privacyPolicyUrl).toBe('https://news.example.kz/privacy');
  });
});
