import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_WRITES_PER_HOUR } from '../../server/moderation/admin-writes.ts';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite, updateSiteSettings } from '../../server/storage/sites.ts';
import type {
  AuditPage,
  CommentCreated,
  NotificationSummary,
  QueueItem,
  QueuePage,
  SiteSettingsView,
} from '../../shared/api.ts';
import { pageCount, panelUser as panelUserOf, posted, signedIn, visibleIds, widget } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { errorOf, ORIGIN, PUBLIC_URL, SITE, testApp } from '../helpers/test-app.ts';

const OTHER = 'other';

describe.each(engines)('pre-moderation and word lists on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;
  let admin: { id: string; cookie: string };

  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
    await createSite(t.db, { id: OTHER, name: 'Other', origins: ['https://other.example.kz'] }, 0);
    admin = await panelUserOf(t, 'editor@news.kz', SITE);
  });
  afterEach(() => storage.close());

  const panel = (who: { cookie: string }, method: string, path: string, body?: unknown) =>
    t.app.request(path, {
      method,
      headers: {
        Cookie: who.cookie,
        ...(method === 'GET' ? {} : { 'X-Pikir-Admin': '1', Origin: PUBLIC_URL }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const decide = (id: string, action: string, who = admin, site = SITE) =>
    panel(who, 'POST', `/admin/api/comments/${id}/actions`, { site, action });
  const held = async (who = admin, query = `?site=${SITE}`) => {
    const response = await panel(who, 'GET', `/admin/api/held${query}`);
    return { status: response.status, body: (await response.json()) as QueuePage };
  };
  const settings = (body: unknown, who = admin, site = SITE) =>
    panel(who, 'PATCH', `/admin/api/sites/${site}/settings`, body);
  const count = async (page = 'a') => {
    const response = await t.app.request(`/api/counts?site=${SITE}&page=${page}`, {
      headers: { Origin: ORIGIN },
    });
    return ((await response.json()) as { counts: Record<string, number> }).counts[page];
  };
  const statusOf = async (response: Response) => ((await response.json()) as CommentCreated).comment.status;
  const auditActions = async () => {
    const response = await panel(admin, 'GET', `/admin/api/audit?site=${SITE}`);
    return ((await response.json()) as AuditPage).entries.map((e) => e.action);
  };

  it('publishes at once by default', async () => {
    const reader = await signedIn(t, 'Reader');
    const response = await widget(t).post(reader, { text: 'Привет' });
    expect(await statusOf(response)).toBe('published');
    expect(await pageCount(t.db)).toBe(1);
  });

  it('holds every comment: only its author sees it, uncounted, until an admin approves it', async () => {
    expect((await settings({ preModeration: 'all' })).status).toBe(200);
    const api = widget(t);
    const author = await signedIn(t, 'Author');
    const other = await signedIn(t, 'Other');
    const before = await api.thread();
    const response = await api.post(author, { text: 'Жду проверки' });
    expect(response.status).toBe(201);
    const created = ((await response.json()) as CommentCreated).comment;
    expect(created.status).toBe('held');

    expect(visibleIds((await api.thread(author)).body)).toEqual([created.id]);
    expect((await api.thread(author)).body.comments[0]!.status).toBe('held');
    expect(visibleIds((await api.thread(other)).body)).toEqual([]);
    const anonymous = await api.thread();
    expect(visibleIds(anonymous.body)).toEqual([]);
    expect(anonymous.body.total).toBe(0);
    expect(await pageCount(t.db)).toBe(0);
    expect(await count()).toBe(0);
    // Nobody else can answer what they cannot see.
    const reply = await api.post(other, { text: 'Ответ', parentId: created.id });
    expect(reply.status).toBe(404);
    // A complaint needs a comment readers see.
    expect((await api.report(other, created.id, { reason: 'spam' })).status).toBe(404);

    const queue = await held();
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i) => [i.comment.id, i.comment.status, i.comment.text])).toEqual([
      [created.id, 'held', 'Жду проверки'],
    ]);

    t.clock.advance(1000);
    const approved = await decide(created.id, 'approve');
    expect(approved.status).toBe(200);
    expect(((await approved.json()) as QueueItem).comment.status).toBe('published');
    const after = await api.thread();
    expect(visibleIds(after.body)).toEqual([created.id]);
    expect(after.response.headers.get('ETag')).not.toBe(before.response.headers.get('ETag'));
    expect(after.body.total).toBe(1);
    expect(await count()).toBe(1);
    expect((await held()).body.items).toEqual([]);
    expect(await auditActions()).toEqual(['approve', 'settings']);
    // Decided once: a second decision is refused, and so is the reports' dismiss on a held one.
    const again = await decide(created.id, 'approve');
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('not_held');
  });

  it('rejects: gone for everyone, its author sees only that it was refused', async () => {
    await updateSiteSettings(t.db, SITE, { preModeration: 'all' });
    const api = widget(t);
    const author = await signedIn(t, 'Author');
    const id = await posted(await api.post(author, { text: 'Спорно' }));
    const dismiss = await decide(id, 'dismiss');
    expect(dismiss.status).toBe(409);
    expect((await errorOf(dismiss)).code).toBe('not_held');

    expect((await decide(id, 'reject')).status).toBe(200);
    const own = (await api.thread(author)).body.comments;
    expect(own.map((c) => [c.id, c.status, c.text])).toEqual([[id, 'rejected', '']]);
    expect(visibleIds((await api.thread()).body)).toEqual([]);
    expect(await pageCount(t.db)).toBe(0);
    expect((await held()).body.items).toEqual([]);
    expect(await auditActions()).toEqual(['reject']);
  });

  it('sends approve and reject to the site’s webhook as moderation events', async () => {
    await updateSiteSettings(t.db, SITE, { preModeration: 'all', webhookUrl: 'https://hooks.example.kz/x' });
    const author = await signedIn(t, 'Author');
    const one = await posted(await widget(t).post(author, { text: 'Один' }));
    t.clock.advance(20_000);
    const two = await posted(await widget(t).post(author, { text: 'Два' }));
    await decide(one, 'approve');
    await decide(two, 'reject');
    const rows = await t.db.selectFrom('webhook_outbox').select(['event_type', 'body']).execute();
    const events = rows.map((r) => {
      const body = JSON.parse(r.body) as { action: string; comment: { id: string; status: string } };
      return [r.event_type, body.action, body.comment.id, body.comment.status];
    });
    expect(events).toEqual(
      expect.arrayContaining([
        ['moderation', 'approve', one, 'published'],
        ['moderation', 'reject', two, 'rejected'],
      ]),
    );
  });

  it('holds the first comment of a new reader, or readers with fewer than N approved', async () => {
    await updateSiteSettings(t.db, SITE, { preModeration: 'first_comment' });
    const api = widget(t);
    const reader = await signedIn(t, 'Reader');
    const first = await api.post(reader, { text: 'Первый' });
    expect(await statusOf(first)).toBe('held');
    t.clock.advance(20_000);
    // Still no approved comment: the next one waits too.
    expect(await statusOf(await api.post(reader, { text: 'Второй' }))).toBe('held');
    const [a] = (await held()).body.items;
    await decide(a!.comment.id, 'approve');
    t.clock.advance(20_000);
    expect(await statusOf(await api.post(reader, { text: 'Третий' }))).toBe('published');

    await updateSiteSettings(t.db, SITE, { preModeration: 'few_approved', preModerationMinApproved: 3 });
    t.clock.advance(20_000);
    // Two approved so far (the first and the third): fewer than 3.
    expect(await statusOf(await api.post(reader, { text: 'Четвёртый' }))).toBe('held');
    await updateSiteSettings(t.db, SITE, { preModerationMinApproved: 2 });
    t.clock.advance(20_000);
    expect(await statusOf(await api.post(reader, { text: 'Пятый' }))).toBe('published');
  });

  it('holds comments with links', async () => {
    await updateSiteSettings(t.db, SITE, { preModeration: 'links' });
    const api = widget(t);
    const reader = await signedIn(t, 'Reader');
    expect(await statusOf(await api.post(reader, { text: 'Без ссылок' }))).toBe('published');
    t.clock.advance(20_000);
    expect(await statusOf(await api.post(reader, { text: 'Смотри https://spam.example/x' }))).toBe('held');
    t.clock.advance(20_000);
    expect(await statusOf(await api.post(reader, { text: 'заходи на casino777.xyz' }))).toBe('held');
  });

  it('does not hold the site’s own admins', async () => {
    await updateSiteSettings(t.db, SITE, { preModeration: 'all', suspectWords: ['спорн'] });
    const editor = await signedIn(t, 'Editor');
    await t.db.updateTable('users').set({ email: 'chief@news.kz' }).where('id', '=', editor.id).execute();
    await addSiteAdmin(t.db, SITE, 'chief@news.kz', 0);
    expect(await statusOf(await widget(t).post(editor, { text: 'Спорное мнение редакции' }))).toBe(
      'published',
    );
  });

  it('lets the widget’s admin tools neither hide nor unhide a held comment past its review', async () => {
    await updateSiteSettings(t.db, SITE, { preModeration: 'all' });
    const api = widget(t);
    const id = await posted(await api.post(await signedIn(t, 'Author'), { text: 'Ждёт проверки' }));
    const editor = await signedIn(t, 'Editor');
    await t.db.updateTable('users').set({ email: 'chief@news.kz' }).where('id', '=', editor.id).execute();
    await addSiteAdmin(t.db, SITE, 'chief@news.kz', 0);
    const hide = await api.hide(editor, id);
    expect(hide.status).toBe(409);
    expect((await errorOf(hide)).code).toBe('not_held');
    expect((await api.unhide(editor, id)).status).toBe(404);
    expect(visibleIds((await api.thread()).body)).toEqual([]);
    expect((await held()).body.items.map((i) => i.comment.id)).toEqual([id]);
  });

  it('tells the author replied to only once a held reply is approved', async () => {
    const api = widget(t);
    const author = await signedIn(t, 'Author');
    // Only a reader with a contact is told (an imported guest author has none).
    await t.db.updateTable('users').set({ email: 'author@mail.kz' }).where('id', '=', author.id).execute();
    const top = await posted(await api.post(author, { text: 'Вопрос' }));
    await updateSiteSettings(t.db, SITE, { preModeration: 'all' });
    const reply = await posted(
      await api.post(await signedIn(t, 'Replier'), { text: 'Ответ', parentId: top }),
    );
    const unread = async () => {
      const response = await t.app.request(`/api/sites/${SITE}/notifications/summary`, {
        headers: { Origin: ORIGIN, Authorization: `Bearer ${author.token}` },
      });
      return ((await response.json()) as NotificationSummary).unread;
    };
    expect(await unread()).toBe(0);
    expect((await decide(reply, 'approve')).status).toBe(200);
    expect(await unread()).toBe(1);
  });

  it('refuses banned words and holds suspect ones, on posts and on edits', async () => {
    const saved = await settings({ bannedWords: ['дурак', ' дурак ', ''], suspectWords: ['казино'] });
    expect(saved.status).toBe(200);
    const view = (await saved.json()) as SiteSettingsView;
    expect(view.bannedWords).toEqual(['дурак']);
    expect(view.suspectWords).toEqual(['казино']);
    const api = widget(t);
    const reader = await signedIn(t, 'Reader');

    const refused = await api.post(reader, { text: 'Сам ты д.у.р.а.к' });
    expect(refused.status).toBe(422);
    const error = await errorOf(refused);
    expect(error.code).toBe('banned_words');
    expect(error.message).toMatch(/not allowed/);
    expect(await pageCount(t.db)).toBe(0);

    const suspect = await api.post(reader, { text: 'Лучшее КАЗИНО тут' });
    expect(await statusOf(suspect)).toBe('held');

    t.clock.advance(20_000);
    const id = await posted(await api.post(reader, { text: 'Нормальный текст' }));
    expect(await pageCount(t.db)).toBe(1);
    const bannedEdit = await api.edit(reader, id, 'Нормальный дурaк');
    expect(bannedEdit.status).toBe(422);
    expect((await errorOf(bannedEdit)).code).toBe('banned_words');
    const suspectEdit = await api.edit(reader, id, 'А вот и казино');
    expect(await statusOf(suspectEdit)).toBe('held');
    expect(await pageCount(t.db)).toBe(0);
    expect(visibleIds((await api.thread()).body)).toEqual([]);
    // A held comment's edit does not publish it.
    expect(await statusOf(await api.edit(reader, id, 'Всё чисто'))).toBe('held');
    expect(await auditActions()).toEqual(['settings', 'settings']);
  });

  it('checks the settings and keeps each site’s queue and decisions to its admins', async () => {
    for (const bad of [
      { preModeration: 'sometimes' },
      { preModerationMinApproved: 0 },
      { bannedWords: ['а'] },
      { suspectWords: Array.from({ length: 501 }, (_, i) => `слово${i}`) },
      { bannedWords: ['x'.repeat(51)] },
      { bannedWords: 'дурак' },
    ]) {
      const response = await settings(bad);
      expect(response.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect((await errorOf(response)).code).toBe('invalid_request');
    }
    await updateSiteSettings(t.db, SITE, { preModeration: 'all' });
    const id = await posted(await widget(t).post(await signedIn(t, 'Reader'), { text: 'Ждёт' }));

    const outsider = await panelUserOf(t, 'other@other.kz', OTHER);
    expect((await held(outsider)).status).toBe(403);
    expect((await held(outsider, '')).body.items).toEqual([]);
    expect((await held(admin, '')).body.items.map((i) => i.comment.id)).toEqual([id]);
    expect((await decide(id, 'approve', outsider, OTHER)).status).toBe(404);
    expect((await decide(id, 'approve', outsider, SITE)).status).toBe(403);
    expect((await settings({ preModeration: 'off' }, outsider)).status).toBe(403);
    expect((await held()).body.items.map((i) => i.comment.status)).toEqual(['held']);
  });

  it('caps an admin’s writes per hour', async () => {
    await t.db
      .insertInto('rate_counters')
      .values({
        key: `admin-write:${admin.id}`,
        started_at: t.clock.now() - 3600_000 + 5_000,
        hits: ADMIN_WRITES_PER_HOUR,
      })
      .execute();
    const response = await settings({ preModeration: 'all' });
    expect(response.status).toBe(429);
    expect(await errorOf(response)).toMatchObject({ code: 'rate_limited', retryAfter: 5 });
    t.clock.advance(5_000);
    expect((await settings({ preModeration: 'all' })).status).toBe(200);
  });
});
