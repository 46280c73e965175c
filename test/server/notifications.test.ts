/**
 * Readers are told (server/notifications/): of replies, in the widget and by email through the
 * outbox (at most one email per 10 minutes, gathered; an SMTP outage only delays), with a one-click
 * unsubscribe per RFC 8058; and of decisions on what they reported. On both engines.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import { notificationWorker } from '../../server/delivery/notification-worker.ts';
import { randomId } from '../../server/ids.ts';
import { unsubscribeToken } from '../../server/notifications/unsubscribe-token.ts';
import { accountData } from '../../server/storage/account-data.ts';
import { eraseAccount } from '../../server/storage/account-erasure.ts';
import { getComment } from '../../server/storage/comments.ts';
import type { Storage } from '../../server/storage/db.ts';
import { moderate } from '../../server/storage/moderation.ts';
import type { NotificationList, NotificationSummary } from '../../shared/api.ts';
import { posted, type Reader, widget } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { seedAccount } from '../helpers/seed.ts';
import { errorOf, ORIGIN, PUBLIC_URL, SITE, testApp } from '../helpers/test-app.ts';

const A_EMAIL = 'asel@mail.example.kz';
const ADMIN = 'editor@news.example.kz';
const MINUTE = 60_000;

describe.each(engines)('notifications on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;
  let api: ReturnType<typeof widget>;
  let asel: Reader;
  let bota: Reader;
  let admin: Reader;
  const reader = async (contact: string, name: string): Promise<Reader> => {
    const id = await seedAccount(t.db, { contact, name });
    return { id, token: await createSession(t.db, id, SITE, t.clock.now()) };
  };
  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage, { admins: [ADMIN] });
    api = widget(t);
    asel = await reader(A_EMAIL, 'Асель');
    bota = await reader('bota@mail.example.kz', 'Бота');
    admin = await reader(ADMIN, 'Редактор');
  });
  afterEach(() => storage.close());

  const call = (method: string, path: string, who: Reader, body?: unknown) =>
    t.app.request(`/api/sites/${SITE}${path}`, {
      method,
      headers: {
        Origin: ORIGIN,
        Authorization: `Bearer ${who.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const summary = async (who: Reader, lang = '') =>
    (await (
      await call('GET', `/notifications/summary${lang && `?lang=${lang}`}`, who)
    ).json()) as NotificationSummary;
  const list = async (who: Reader) =>
    (await (await call('GET', '/notifications', who)).json()) as NotificationList;
  /** Posts as `who` 11 s after the last post, past the interval between two comments. */
  const say = async (who: Reader, text: string, parentId?: string) => {
    t.clock.advance(11_000);
    return posted(await api.post(who, { text, ...(parentId ? { parentId } : {}) }));
  };
  const emailsTo = (to: string) => t.messages.to(to);

  it('tells the author of the comment replied to, in the widget and by email at once, never the replier', async () => {
    const mine = await say(asel, 'Мой комментарий');
    await say(asel, 'Сама себе отвечаю', mine);
    expect((await summary(asel)).unread).toBe(0);
    const reply = await say(bota, 'Ответ <b>жирный</b> & «кавычки»', mine);
    expect(await summary(asel)).toEqual({ unread: 1, email: true });
    expect((await summary(bota)).unread).toBe(0);
    const { notifications } = await list(asel);
    expect(notifications).toEqual([
      expect.objectContaining({
        kind: 'reply',
        read: false,
        pageTitle: 'Article',
        link: `${ORIGIN}/a#pikir-${reply}`,
        reply: { author: 'Бота', text: 'Ответ <b>жирный</b> & «кавычки»' },
      }),
    ]);

    expect(await t.deliverEmails()).toBe(1);
    const [email] = emailsTo(A_EMAIL);
    expect(email?.channel).toBe('email');
    if (email?.channel !== 'email') return;
    expect(email.subject).toBe('Новый ответ на ваш комментарий — News');
    expect(email.text).toContain('Бота отвечает на ваш комментарий');
    expect(email.text).toContain('Ответ <b>жирный</b> & «кавычки»');
    expect(email.text).toContain(`${ORIGIN}/a#pikir-${reply}`);
    expect(email.html).toContain('Ответ &lt;b&gt;жирный&lt;/b&gt; &amp; «кавычки»');
    expect(email.html).not.toContain('<b>жирный');
    expect(email.html).toContain(`href="${ORIGIN}/a#pikir-${reply}"`);
    const unsubscribe = `${PUBLIC_URL}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(t.secret, asel.id))}`;
    expect(email.headers).toEqual({
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(email.text).toContain(unsubscribe);
    // Sent once: the outbox is empty.
    expect(await t.deliverEmails()).toBe(0);
    expect(emailsTo(A_EMAIL)).toHaveLength(1);
  });

  it('gathers later replies: at most one email in 10 minutes, the rest in one digest', async () => {
    const mine = await say(asel, 'Мой комментарий');
    await say(bota, 'Первый ответ', mine);
    await t.deliverEmails();
    expect(emailsTo(A_EMAIL)).toHaveLength(1);
    const sentAt = t.clock.now();

    t.clock.advance(MINUTE);
    await say(bota, 'Второй ответ', mine);
    t.clock.advance(MINUTE);
    await say(admin, 'Третий ответ', mine);
    expect(await t.deliverEmails()).toBe(0);
    t.clock.set(sentAt + 10 * MINUTE - 1);
    expect(await t.deliverEmails()).toBe(0);
    expect(emailsTo(A_EMAIL)).toHaveLength(1);

    t.clock.set(sentAt + 10 * MINUTE);
    expect(await t.deliverEmails()).toBe(1);
    const digest = emailsTo(A_EMAIL)[1];
    if (digest?.channel !== 'email') throw new Error('no digest');
    expect(digest.subject).toBe('Новые ответы на ваши комментарии: 2');
    expect(digest.text).toContain('Второй ответ');
    expect(digest.text).toContain('Третий ответ');
    expect(digest.text).not.toContain('Первый ответ');
    expect(await t.deliverEmails()).toBe(0);
  });

  it('keeps the email through an SMTP outage and a restart, retrying with back-off', async () => {
    const mine = await say(asel, 'Мой комментарий');
    await say(bota, 'Ответ во время сбоя', mine);
    t.messages.fail();
    expect(await t.deliverEmails()).toBe(1);
    expect(emailsTo(A_EMAIL)).toHaveLength(0);
    expect(t.logs.some((line) => /reply email .* failed: mail server down/.test(line))).toBe(true);
    t.messages.fail(false);
    // Not due again before its back-off (30 s); a new worker, as after a restart, finds it then.
    expect(await t.deliverEmails()).toBe(0);
    t.clock.advance(30_000);
    const restarted = notificationWorker({
      db: t.db,
      clock: t.clock,
      serverKey: t.secret,
      publicUrl: PUBLIC_URL,
      email: t.messages.delivery,
      log: () => {},
    });
    expect(await restarted.tick()).toBe(1);
    expect(emailsTo(A_EMAIL)).toHaveLength(1);
  });

  it('unsubscribes with the signed link in one click, and refuses forged tokens', async () => {
    const token = unsubscribeToken(t.secret, asel.id);
    const page = await t.app.request(`/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post"><button type="submit">Отписаться</button></form>');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    // GET alone changes nothing (mail scanners follow links).
    expect((await summary(asel)).email).toBe(true);

    const forged = [
      `${bota.id}.${token.split('.')[1]}`,
      `${asel.id}.${unsubscribeToken(Buffer.alloc(32), asel.id).split('.')[1]}`,
      `${token}x`,
      asel.id,
      '',
    ];
    for (const bad of forged) {
      const post = await t.app.request(`/unsubscribe?token=${encodeURIComponent(bad)}`, { method: 'POST' });
      expect(post.status).toBe(400);
      expect((await errorOf(post)).code).toBe('unsubscribe_invalid');
      expect((await t.app.request(`/unsubscribe?token=${encodeURIComponent(bad)}`)).status).toBe(400);
    }
    expect((await summary(asel)).email).toBe(true);
    expect((await summary(bota)).email).toBe(true);

    // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click`, no cookies, no interaction.
    const oneClick = await t.app.request(`/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('письма об ответах больше не придут');
    expect((await summary(asel)).email).toBe(false);
    const mine = await say(asel, 'Мой комментарий');
    await say(bota, 'Ответ', mine);
    expect(await t.deliverEmails()).toBe(0);
    expect(emailsTo(A_EMAIL)).toHaveLength(0);
    // The widget still shows it.
    expect((await summary(asel)).unread).toBe(1);
  });

  it('switches emails from the widget, writes them in the reader’s language, and never texts a phone', async () => {
    expect(await (await call('PUT', '/account/notifications', asel, { email: false })).json()).toEqual({
      unread: 0,
      email: false,
    });
    expect((await call('PUT', '/account/notifications', asel, { email: 'no' })).status).toBe(400);
    await call('PUT', '/account/notifications', asel, { email: true });
    await summary(asel, 'kk');
    const phone = await reader('+77011234567', 'Ерлан');
    const refused = await call('PUT', '/account/notifications', phone, { email: true });
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).code).toBe('no_email');
    expect((await summary(phone)).email).toBeNull();

    const mine = await say(asel, 'Менің пікірім');
    const his = await say(phone, 'Телефон арқылы', mine);
    await say(bota, 'Жауап', his);
    await t.deliverEmails();
    const [kazakh] = emailsTo(A_EMAIL);
    expect(kazakh?.channel === 'email' ? kazakh.subject : null).toBe(
      'News сайтындағы пікіріңізге жаңа жауап',
    );
    expect((await summary(phone)).unread).toBe(1);
    expect(t.messages.sent.filter((m) => m.channel === 'sms')).toEqual([]);
  });

  it('marks read only the reader’s own notifications, and checks the ids', async () => {
    const mine = await say(asel, 'Мой комментарий');
    await say(bota, 'Ответ', mine);
    const [item] = (await list(asel)).notifications;
    expect((await call('POST', '/notifications/read', bota, { ids: [item!.id] })).status).toBe(204);
    expect((await summary(asel)).unread).toBe(1);
    expect((await call('POST', '/notifications/read', asel, { ids: [] })).status).toBe(400);
    expect((await call('POST', '/notifications/read', asel, { ids: [item!.id], all: true })).status).toBe(
      400,
    );
    expect((await call('POST', '/notifications/read', asel, { ids: [item!.id] })).status).toBe(204);
    expect(await list(asel)).toEqual({ notifications: [expect.objectContaining({ read: true })], unread: 0 });
    // Read in the widget before the email went: not emailed.
    expect(await t.deliverEmails()).toBe(1);
    expect(emailsTo(A_EMAIL)).toHaveLength(0);
  });

  it('tells the thread’s author when an admin answers under it, and hides the words of a reply hidden later', async () => {
    const mine = await say(asel, 'Мой комментарий');
    const botas = await say(bota, 'Ответ Боты', mine);
    const answer = await say(admin, 'Ответ редакции', botas);
    const aselsList = (await list(asel)).notifications;
    expect(aselsList.map((n) => n.link)).toEqual([
      `${ORIGIN}/a#pikir-${answer}`,
      `${ORIGIN}/a#pikir-${botas}`,
    ]);
    expect((await list(bota)).notifications.map((n) => n.link)).toEqual([`${ORIGIN}/a#pikir-${answer}`]);

    expect((await api.hide(admin, botas)).status).toBe(200);
    const [, hidden] = (await list(asel)).notifications;
    expect(hidden?.reply).toEqual({ author: '', text: null });
  });

  it('tells each reporter that their complaint was decided, with the outcome', async () => {
    const left = await say(asel, 'Спорный комментарий');
    const removed = await say(asel, 'Плохой комментарий');
    for (const id of [left, removed]) {
      expect((await api.report(bota, id, { reason: 'spam' })).status).toBe(201);
      expect((await api.report(admin, id, { reason: 'spam' })).status).toBe(201);
    }
    expect((await api.remove(admin, removed)).status).toBe(204);
    t.clock.advance(1000);
    const comment = (await getComment(t.db, left))!;
    await moderate(
      t.db,
      { comment, action: 'dismiss', actorId: admin.id, reason: null },
      t.clock.now(),
      randomId,
    );

    const told = (await list(bota)).notifications;
    expect(told.map((n) => [n.kind, n.outcome, n.link])).toEqual([
      ['complaint_decided', 'left', `${ORIGIN}/a#pikir-${left}`],
      ['complaint_decided', 'removed', `${ORIGIN}/a#pikir-${removed}`],
    ]);
    // The deciding admin is not told of their own decision; the author is not a reporter.
    expect((await list(admin)).notifications).toEqual([]);
    expect((await list(asel)).notifications).toEqual([]);
    // No emails for decisions.
    expect(await t.deliverEmails()).toBe(0);
  });

  it('is in the account’s download and goes with its erasure', async () => {
    const mine = await say(asel, 'Мой комментарий');
    await say(bota, 'Ответ', mine);
    const data = await accountData(t.db, asel.id, t.clock.now());
    expect(data?.notifications).toEqual([
      expect.objectContaining({ kind: 'reply', commentId: mine, readAt: null }),
    ]);
    expect(data?.notificationSettings).toEqual({ email: true, language: 'ru' });
    await eraseAccount(t.db, asel.id, t.clock.now());
    for (const table of ['notifications', 'email_outbox', 'notification_settings'] as const) {
      const rows = await t.db.selectFrom(table).select('user_id').where('user_id', '=', asel.id).execute();
      expect(rows).toEqual([]);
    }
    // An erased account is told of nothing more.
    await say(bota, 'Ещё ответ', mine);
    expect(
      await t.db.selectFrom('notifications').select('id').where('user_id', '=', asel.id).execute(),
    ).toEqual([]);
  });
});
