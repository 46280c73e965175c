import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAdminLog } from '../../server/storage/admin-log.ts';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite, updateSiteSettings } from '../../server/storage/sites.ts';
import type { AdminMe, AuditPage, AuthorHistory, ErrorBody, QueueItem, QueuePage } from '../../shared/api.ts';
import { recordingDelivery } from '../doubles/recording-delivery.ts';
import {
  pageCount,
  panelUser as panelUserOf,
  posted,
  type Reader,
  signedIn,
  visibleIds,
  widget,
} from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { errorOf, PUBLIC_URL, SITE, testApp } from '../helpers/test-app.ts';

const OTHER = 'other';
const OTHER_ORIGIN = 'https://other.example.kz';
const DAY = 24 * 3600_000;

describe.each(engines)('admin API on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;
  let api: ReturnType<typeof widget>;
  let author: Reader;
  let reporters: Reader[];
  /** Admin of SITE only, signed in to the panel. */
  let admin: { id: string; cookie: string };

  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
    api = widget(t);
    await createSite(t.db, { id: OTHER, name: 'Other', origins: [OTHER_ORIGIN] }, 0);
    author = await signedIn(t, 'Author');
    reporters = [await signedIn(t, 'R1'), await signedIn(t, 'R2'), await signedIn(t, 'R3')];
    admin = await panelUser('editor@news.kz', SITE);
  });
  afterEach(() => storage.close());

  /** An account with an email, admin of `site` (or of none), with an admin-panel session. */
  const panelUser = (email: string, site?: string) => panelUserOf(t, email, site);

  function panel(
    who: { cookie: string } | undefined,
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const method = init.method ?? 'GET';
    return t.app.request(`/admin/api${path}`, {
      method,
      headers: {
        ...(who ? { Cookie: who.cookie } : {}),
        ...(method === 'GET' ? {} : { 'X-Pikir-Admin': '1', Origin: PUBLIC_URL }),
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  }

  const act = (
    who: { cookie: string } | undefined,
    id: string,
    body: Record<string, unknown>,
    headers = {},
  ) => panel(who, `/comments/${id}/actions`, { method: 'POST', body: { site: SITE, ...body }, headers });

  async function reported(text: string, complaints: number, by = author): Promise<string> {
    const id = await posted(await api.post(by, { text }));
    for (const reporter of reporters.slice(0, complaints)) {
      expect((await api.report(reporter, id, { reason: 'abuse' })).status).toBe(201);
    }
    t.clock.advance(11_000);
    return id;
  }

  describe('signing in', () => {
    it('sets an HttpOnly, Secure, SameSite=Strict cookie for an admin', async () => {
      t.logins.add('editor@news.kz', 'secret1', admin.id);
      const response = await panel(undefined, '/login', {
        method: 'POST',
        body: { channel: 'email', contact: ' editor@NEWS.kz ', password: 'secret1' },
      });
      expect(response.status).toBe(200);
      expect((await response.json()) as AdminMe).toEqual({
        user: { id: admin.id, name: 'editor' },
        sites: [{ id: SITE, name: 'News', role: 'admin' }],
      });
      const cookie = response.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^pikir_admin=[A-Za-z0-9_-]{43};/);
      for (const part of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/admin'])
        expect(cookie).toContain(part);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const me = await panel({ cookie: cookie.split(';')[0]! }, '/me');
      expect(me.status, await me.clone().text()).toBe(200);
    });

    it('refuses wrong passwords and accounts that moderate nothing', async () => {
      const reader = await panelUser('reader@mail.kz');
      t.logins.add('reader@mail.kz', 'secret1', reader.id);
      t.logins.add('editor@news.kz', 'secret1', admin.id);
      const wrong = await panel(undefined, '/login', {
        method: 'POST',
        body: { channel: 'email', contact: 'editor@news.kz', password: 'secret2' },
      });
      expect(wrong.status).toBe(401);
      expect((await errorOf(wrong)).code).toBe('invalid_credentials');
      const notAdmin = await panel(undefined, '/login', {
        method: 'POST',
        body: { channel: 'email', contact: 'reader@mail.kz', password: 'secret1' },
      });
      expect(notAdmin.status).toBe(403);
      expect(notAdmin.headers.get('set-cookie')).toBeNull();
    });

    it('ends the session on sign-out', async () => {
      const response = await panel(admin, '/logout', { method: 'POST' });
      expect(response.status).toBe(204);
      expect(response.headers.get('set-cookie')).toMatch(/pikir_admin=;.*Max-Age=0/);
      const me = await panel(admin, '/me');
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({ user: null, sites: [] });
    });
  });

  describe('authorisation', () => {
    it('answers a reader 403 and a stranger 401 on every admin endpoint', async () => {
      const id = await reported('rude', 1);
      const reader = await panelUser('reader@mail.kz');
      const widgetToken = { cookie: `pikir_admin=${author.token}` };
      const calls = [
        ['/me', 'GET'],
        ['/queue', 'GET'],
        [`/users/${author.id}/history?site=${SITE}`, 'GET'],
        ['/audit', 'GET'],
        [`/comments/${id}/actions`, 'POST'],
      ] as const;
      for (const [path, method] of calls) {
        const body = method === 'POST' ? { site: SITE, action: 'delete' } : undefined;
        // /me tells a stranger "no one" with a 200: the sign-in page asks it on every visit.
        const stranger = path === '/me' ? 200 : 401;
        expect((await panel(reader, path, { method, body })).status, path).toBe(403);
        expect((await panel(undefined, path, { method, body })).status, path).toBe(stranger);
        // A widget session is not an admin-panel session, even for the same account.
        expect((await panel(widgetToken, path, { method, body })).status, path).toBe(stranger);
      }
      expect(await (await panel(widgetToken, '/me')).json()).toEqual({ user: null, sites: [] });
      expect(await t.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
    });

    it('keeps an admin of one site away from another site’s comments', async () => {
      const stranger = await signedIn(t, 'Stranger', OTHER);
      const theirs = await posted(await widget(t, OTHER, OTHER_ORIGIN).post(stranger, { text: 'elsewhere' }));
      expect((await act(admin, theirs, { site: OTHER, action: 'delete' })).status).toBe(403);
      expect((await act(admin, theirs, { site: SITE, action: 'delete' })).status).toBe(404);
      expect((await panel(admin, `/queue?site=${OTHER}`)).status).toBe(403);
      expect((await panel(admin, `/audit?site=${OTHER}`)).status).toBe(403);
      expect((await panel(admin, `/users/${stranger.id}/history?site=${OTHER}`)).status).toBe(403);
      // Nor from the widget, with a session of their own site.
      const asReader = await signedIn(t, 'Editor-widget');
      await t.db.updateTable('users').set({ email: 'x@news.kz' }).where('id', '=', asReader.id).execute();
      await addSiteAdmin(t.db, SITE, 'x@news.kz', 0);
      expect((await widget(t).hide(asReader, theirs)).status).toBe(404);
      const row = await t.db
        .selectFrom('comments')
        .select('status')
        .where('id', '=', theirs)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('published');
    });

    it('needs X-Pikir-Admin and the panel’s own Origin on unsafe requests', async () => {
      const id = await reported('rude', 1);
      const missing = await act(admin, id, { action: 'hide' }, { 'X-Pikir-Admin': '' });
      expect(missing.status).toBe(403);
      const foreign = await act(admin, id, { action: 'hide' }, { Origin: 'https://news.example.kz' });
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      const login = await panel(undefined, '/login', {
        method: 'POST',
        body: { channel: 'email', contact: 'editor@news.kz', password: 'x' },
        headers: { Origin: 'https://evil.example' },
      });
      expect(login.status).toBe(403);
      const row = await t.db
        .selectFrom('comments')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('published');
      expect((await act(admin, id, { action: 'hide' })).status).toBe(200);
    });
  });

  describe('queue', () => {
    it('lists reported comments most-reported first, then oldest, page by page', async () => {
      const one = await reported('one complaint', 1);
      const twoOld = await reported('two, older', 2);
      const twoNew = await reported('two, newer', 2);
      await reported('three', 3);
      await posted(await api.post(author, { text: 'never reported' }));
      const response = await panel(admin, '/queue');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const first = (await response.json()) as QueuePage;
      expect(first.items.map((i) => i.comment.text)).toEqual([
        'three',
        'two, older',
        'two, newer',
        'one complaint',
      ]);
      const item = first.items[1]!;
      expect(item).toMatchObject({
        site: SITE,
        state: 'open',
        page: { key: 'a', title: 'Article', url: 'https://news.example.kz/a' },
        author: { id: author.id, name: 'Author', contact: null, banned: null },
      });
      expect(item.complaints.map((k) => k.reporter.name).sort()).toEqual(['R1', 'R2']);
      expect(item.complaints[0]).toMatchObject({ reason: 'abuse', details: null });
      expect(first.items[0]!.comment.status).toBe('review');
      expect([one, twoOld, twoNew]).toContain(item.comment.id);
    });

    it('pages with its cursor and moves decided comments to the closed list', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 22; i++) {
        ids.push(await posted(await api.post(author, { text: `#${i}` })));
        await api.report(reporters[i % 3], ids[i]!, { reason: 'spam' });
        t.clock.advance(11_000);
      }
      const first = (await (await panel(admin, '/queue?status=open')).json()) as QueuePage;
      expect(first.items).toHaveLength(20);
      const second = (await (await panel(admin, `/queue?cursor=${first.nextCursor}`)).json()) as QueuePage;
      expect(second.items.map((i) => i.comment.text)).toEqual(['#20', '#21']);
      expect(second.nextCursor).toBeNull();

      await act(admin, ids[0]!, { action: 'dismiss' });
      const open = (await (await panel(admin, `/queue?site=${SITE}`)).json()) as QueuePage;
      expect(open.items.map((i) => i.comment.id)).not.toContain(ids[0]);
      const closed = (await (await panel(admin, '/queue?status=closed')).json()) as QueuePage;
      expect(closed.items.map((i) => i.comment.id)).toEqual([ids[0]]);
      expect(closed.items[0]!.state).toBe('closed');
    });

    it('shows a global admin every site', async () => {
      const chiefApp = await testAppWithAdmins();
      const chief = await chiefApp.user('chief@pikir.kz');
      await reported('here', 1);
      const stranger = await signedIn(t, 'Stranger', OTHER);
      const theirs = await posted(await widget(t, OTHER, OTHER_ORIGIN).post(stranger, { text: 'there' }));
      await widget(t, OTHER, OTHER_ORIGIN).report(await signedIn(t, 'R', OTHER), theirs, { reason: 'spam' });
      const response = await chiefApp.app.request('/admin/api/queue', { headers: { Cookie: chief.cookie } });
      const page = (await response.json()) as QueuePage;
      expect(page.items.map((i) => i.site).sort()).toEqual([SITE, OTHER].sort());
    });
  });

  describe('actions', () => {
    it('dismisses complaints and returns a withheld comment to readers', async () => {
      const id = await reported('borderline', 3);
      expect(visibleIds((await api.thread()).body)).not.toContain(id);
      const response = await act(admin, id, { action: 'dismiss', reason: 'Критика допустима' });
      expect(response.status).toBe(200);
      const item = (await response.json()) as QueueItem;
      expect(item).toMatchObject({ state: 'closed', comment: { id, status: 'published' } });
      expect(visibleIds((await api.thread()).body)).toContain(id);
      expect(await pageCount(t.db)).toBe(1);
      const open = await t.db.selectFrom('complaints').select('id').where('closed_at', 'is', null).execute();
      expect(open).toEqual([]);
      // New complaints start a new count: one more is not enough to withhold it again.
      const fourth = await signedIn(t, 'R4');
      await api.report(fourth, id, { reason: 'spam' });
      expect(visibleIds((await api.thread()).body)).toContain(id);
    });

    it('hides a comment from readers but not from its author', async () => {
      const id = await reported('hide me', 1);
      const item = (await (await act(admin, id, { action: 'hide' })).json()) as QueueItem;
      expect(item.comment.status).toBe('hidden');
      expect(visibleIds((await api.thread()).body)).toEqual([]);
      expect(await pageCount(t.db)).toBe(0);
      expect((await api.thread(author)).body.comments[0]).toMatchObject({ id, status: 'hidden' });
    });

    it('deletes and bans for 7 days: the reader is told until when, and may post again after', async () => {
      const id = await reported('<img src=x onerror=alert(1)>', 3);
      const now = t.clock.now();
      const response = await act(admin, id, {
        action: 'delete',
        reason: 'Оскорбления',
        ban: { duration: '7d', reason: 'Оскорбления участников' },
      });
      const item = (await response.json()) as QueueItem;
      expect(item.comment).toMatchObject({ status: 'deleted', text: '<img src=x onerror=alert(1)>' });
      expect(item.author.banned).toEqual({ until: now + 7 * DAY, reason: 'Оскорбления участников' });
      expect((await api.thread()).body).toMatchObject({ comments: [], total: 0 });
      const refused = await api.post(author, { text: 'let me in' });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as ErrorBody).error).toMatchObject({
        code: 'banned',
        until: now + 7 * DAY,
        reason: 'Оскорбления участников',
      });
      expect(
        (await api.report(author, await reported('x', 0, reporters[0]), { reason: 'spam' })).status,
      ).toBe(403);
      t.clock.set(now + 7 * DAY + 1);
      expect((await api.post(author, { text: 'let me in' })).status).toBe(201);
    });

    it('bans for a day, and for good with no end', async () => {
      const day = await reported('first', 1);
      await act(admin, day, { action: 'hide', ban: { duration: '1d', reason: 'spam' } });
      const dayBan = ((await (await api.post(author, { text: 'x' })).json()) as ErrorBody).error;
      expect(dayBan.until).toBe(t.clock.now() + DAY);
      t.clock.advance(DAY + 1);
      // A day later the panel's session has long ended: the admin signs in again.
      const again = await panelUser('editor2@news.kz', SITE);
      const forever = await reported('second', 1);
      await act(again, forever, { action: 'delete', ban: { duration: 'forever', reason: 'бот' } });
      t.clock.advance(20 * DAY);
      const refused = ((await (await api.post(author, { text: 'y' })).json()) as ErrorBody).error;
      expect(refused).toMatchObject({ code: 'banned', until: null, reason: 'бот' });
    });

    it('shows the site’s service events, such as the SMS budget running out, to its admins only', async () => {
      await writeAdminLog(t.db, { siteId: SITE, kind: 'sms_budget_exhausted', message: 'spent' }, 5);
      await writeAdminLog(t.db, { siteId: OTHER, kind: 'sms_budget_exhausted', message: 'other site' }, 6);
      const mine = await panel(admin, `/events?site=${SITE}`);
      expect(await mine.json()).toEqual({
        events: [{ kind: 'sms_budget_exhausted', message: 'spent', at: 5 }],
      });
      expect((await panel(admin, `/events?site=${OTHER}`)).status).toBe(403);
      expect((await panel(undefined, `/events?site=${SITE}`)).status).toBe(401);
    });

    it('writes who, what, when and why to the audit log, and the author’s history', async () => {
      const id = await reported('rude', 2);
      const other = await reported('also rude', 0);
      const at = t.clock.now();
      await act(admin, id, {
        action: 'delete',
        reason: 'rule 3',
        ban: { duration: '1d', reason: 'rule 3 again' },
      });
      const widgetAdmin = await signedIn(t, 'Editor in widget');
      await t.db.updateTable('users').set({ email: 'editor@news.kz' }).where('id', '=', admin.id).execute();
      await t.db
        .updateTable('users')
        .set({ phone: '+77011234567' })
        .where('id', '=', widgetAdmin.id)
        .execute();
      await addSiteAdmin(t.db, SITE, '+77011234567', 0);
      t.clock.advance(1000);
      expect((await api.hide(widgetAdmin, other)).status).toBe(200);

      const audit = (await (await panel(admin, '/audit')).json()) as AuditPage;
      expect(audit.entries.map((e) => e.action)).toEqual(['hide', expect.any(String), expect.any(String)]);
      expect(
        audit.entries
          .slice(1)
          .map((e) => e.action)
          .sort(),
      ).toEqual(['ban', 'delete']);
      expect(audit.entries.find((e) => e.action === 'delete')).toEqual({
        id: expect.any(String),
        site: SITE,
        actor: { id: admin.id, name: 'editor' },
        action: 'delete',
        commentId: id,
        targetUserId: author.id,
        reason: 'rule 3',
        createdAt: at,
        // A deleted comment's text stays for 30 days (restore): the entry still shows it.
        comment: { text: 'rude', page: { url: 'https://news.example.kz/a', title: 'Article' } },
      });
      expect(audit.entries.find((e) => e.action === 'ban')).toMatchObject({
        reason: 'rule 3 again',
        banUntil: at + DAY,
      });
      expect(audit.entries[0]).toMatchObject({ actor: { id: widgetAdmin.id }, commentId: other });

      const history = (await (
        await panel(admin, `/users/${author.id}/history?site=${SITE}`)
      ).json()) as AuthorHistory;
      expect(history.comments.map((c) => [c.text, c.status])).toEqual([
        ['also rude', 'hidden'],
        ['rude', 'deleted'],
      ]);
      expect(history.comments[0]!.page).toEqual({ title: 'Article', url: 'https://news.example.kz/a' });
      expect(history.actions).toHaveLength(3);
    });

    it('lets a site admin delete from the widget, audited', async () => {
      const widgetAdmin = await signedIn(t, 'Mod');
      await t.db
        .updateTable('users')
        .set({ email: 'mod@news.kz' })
        .where('id', '=', widgetAdmin.id)
        .execute();
      await addSiteAdmin(t.db, SITE, 'mod@news.kz', 0);
      const top = await posted(await api.post(author, { text: 'top' }));
      const reply = await posted(await api.post(reporters[0], { text: 'reply', parentId: top }));
      expect((await api.remove(widgetAdmin, top)).status).toBe(204);
      const { body } = await api.thread();
      expect(body.comments[0]).toMatchObject({
        id: top,
        status: 'deleted',
        text: '',
        replies: [{ id: reply }],
      });
      expect(body.total).toBe(1);
      const entries = await t.db.selectFrom('audit_log').selectAll().execute();
      expect(entries).toMatchObject([{ action: 'delete', actor_id: widgetAdmin.id, comment_id: top }]);
    });

    it('lets a site admin show a hidden comment again from the widget, recounted and audited', async () => {
      const widgetAdmin = await signedIn(t, 'Mod');
      await t.db
        .updateTable('users')
        .set({ email: 'mod@news.kz' })
        .where('id', '=', widgetAdmin.id)
        .execute();
      await addSiteAdmin(t.db, SITE, 'mod@news.kz', 0);
      const top = await posted(await api.post(author, { text: 'top' }));
      await posted(await api.post(reporters[0], { text: 'reply', parentId: top }));
      expect((await api.thread()).body.total).toBe(2);
      // Nothing to show again while it is visible; nobody but an admin may.
      const notHidden = await api.unhide(widgetAdmin, top);
      expect(notHidden.status).toBe(404);
      expect(((await notHidden.json()) as ErrorBody).error.code).toBe('not_found');
      expect((await api.hide(widgetAdmin, top)).status).toBe(200);
      expect((await api.thread()).body.total).toBe(0);
      const byReader = await api.unhide(reporters[0], top);
      expect(byReader.status).toBe(403);
      expect(((await byReader.json()) as ErrorBody).error.code).toBe('forbidden');

      t.clock.advance(1000);
      const shown = await api.unhide(widgetAdmin, top);
      expect(shown.status).toBe(200);
      expect(((await shown.json()) as { comment: { status: string } }).comment.status).toBe('published');
      const { body } = await api.thread();
      expect(body.total).toBe(2);
      expect(body.comments[0]).toMatchObject({ id: top, status: 'published', replies: [{ text: 'reply' }] });
      const entries = await t.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id'])
        .orderBy('created_at')
        .execute();
      expect(entries.map((e) => e.action)).toEqual(['hide', 'unhide']);
      expect(entries[1]!.actor_id).toBe(widgetAdmin.id);
    });

    it('restores a comment an admin deleted, within 30 days and while its text is kept', async () => {
      const id = await reported('restorable', 1);
      const late = await reported('too late', 1);
      t.clock.advance(11_000);
      const own = await posted(await api.post(author, { text: 'erased by its author' }));
      t.clock.advance(11_000);
      expect((await act(admin, id, { action: 'delete' })).status).toBe(200);
      expect((await act(admin, late, { action: 'delete' })).status).toBe(200);
      expect((await api.remove(author, own)).status).toBe(204);
      expect((await api.thread()).body.total).toBe(0);

      // Nothing to restore on a comment that is not deleted.
      const visible = await reported('visible', 0);
      const refusedVisible = await act(admin, visible, { action: 'restore' });
      expect(refusedVisible.status).toBe(409);
      expect((await errorOf(refusedVisible)).code).toBe('restore_unavailable');

      t.clock.advance(29 * DAY);
      // The panel's session has long ended: the admin signs in again.
      let later = await panelUser('editor2@news.kz', SITE);
      const restored = await act(later, id, { action: 'restore' });
      expect(restored.status).toBe(200);
      expect(((await restored.json()) as QueueItem).comment).toMatchObject({
        status: 'published',
        text: 'restorable',
      });
      const { body } = await api.thread();
      expect(body.total).toBe(2);
      expect(body.comments.map((c) => c.text).sort()).toEqual(['restorable', 'visible']);
      const audit = (await (await panel(later, '/audit')).json()) as AuditPage;
      expect(audit.entries[0]).toMatchObject({
        action: 'restore',
        commentId: id,
      });

      // The author's own deletion erased the text: nothing to bring back.
      const erased = await act(later, own, { action: 'restore' });
      expect(erased.status).toBe(409);
      expect((await errorOf(erased)).code).toBe('restore_unavailable');

      t.clock.advance(2 * DAY);
      later = await panelUser('editor3@news.kz', SITE);
      const tooLate = await act(later, late, { action: 'restore' });
      expect(tooLate.status).toBe(409);
      expect((await errorOf(tooLate)).code).toBe('restore_unavailable');
      expect((await api.thread()).body.total).toBe(2);
    });

    it('sends each action to the site’s webhook', async () => {
      await updateSiteSettings(t.db, SITE, { webhookUrl: 'https://hooks.example.kz/x' });
      const id = await reported('spam spam', 1);
      expect(await t.deliverWebhooks()).toBe(1);
      await act(admin, id, { action: 'delete', reason: 'spam', ban: { duration: 'forever', reason: 'bot' } });
      expect(await t.deliverWebhooks()).toBe(1);
      expect(t.webhooks.sent).toHaveLength(2);
      expect(t.webhooks.sent[1]!.event).toEqual({
        type: 'moderation',
        site: SITE,
        comment: {
          id,
          text: 'spam spam',
          status: 'deleted',
          author: { id: author.id, name: 'Author' },
          page: { key: 'a', title: 'Article', url: 'https://news.example.kz/a' },
        },
        action: 'delete',
        reason: 'spam',
        ban: { until: null, reason: 'bot' },
        actor: { id: admin.id, name: 'editor' },
        at: t.clock.now(),
      });
    });
  });

  /** A second app over the same database, with a global admin from ADMINS. */
  async function testAppWithAdmins() {
    const { createApp } = await import('../../server/app.ts');
    const { noAssets } = await import('../../server/assets.ts');
    const app = createApp({
      db: t.db,
      clock: t.clock,
      assets: noAssets,
      publicUrl: PUBLIC_URL,
      log: () => {},
      admins: ['chief@pikir.kz'],
      clientIp: () => '203.0.113.9',
      verifyLogin: async () => null,
      delivery: recordingDelivery().delivery,
      secret: Buffer.alloc(32),
      outbox: null,
    });
    return { app, user: (email: string) => panelUser(email) };
  }
});
