import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite, updateSite } from '../../server/storage/sites.ts';
import type { AuditPage, PageClosedView } from '../../shared/api.ts';
import { panelUser as panelUserOf, posted, signedIn, widget } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { errorOf, ORIGIN, PUBLIC_URL, SITE, testApp } from '../helpers/test-app.ts';

const OTHER = 'other';
const DAY = 24 * 3600_000;

describe.each(engines)('closing a thread on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;
  let admin: { id: string; cookie: string };

  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
    await createSite(t.db, { id: OTHER, name: 'Other', origins: ['https://other.example.kz'] }, 0);
    admin = await panelUser('editor@news.kz', SITE);
  });
  afterEach(() => storage.close());

  const panelUser = (email: string, site?: string) => panelUserOf(t, email, site);

  const close = (who: { cookie: string }, body: unknown, site = SITE) =>
    t.app.request(`/admin/api/sites/${site}/pages/closed`, {
      method: 'PUT',
      headers: {
        Cookie: who.cookie,
        'X-Pikir-Admin': '1',
        Origin: PUBLIC_URL,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });

  async function auditOf(site: string) {
    const response = await t.app.request(`/admin/api/audit?site=${site}`, {
      headers: { Cookie: admin.cookie },
    });
    return ((await response.json()) as AuditPage).entries.map((e) => [e.action, e.reason]);
  }

  it('closes and reopens a thread: readable, posts and replies refused, each change audited', async () => {
    const api = widget(t);
    const reader = await signedIn(t, 'Reader');
    const first = await posted(await api.post(reader, { text: 'Первый' }));
    const before = await api.thread();
    expect(before.body.closed).toBeUndefined();

    const closed = await close(admin, { page: 'a', closed: true });
    expect(closed.status).toBe(200);
    expect((await closed.json()) as PageClosedView).toEqual({ site: SITE, page: 'a', closed: true });

    const thread = await api.thread();
    expect(thread.body.closed).toBe(true);
    expect(thread.body.comments.map((c) => c.id)).toEqual([first]);
    expect(thread.response.headers.get('ETag')).not.toBe(before.response.headers.get('ETag'));
    // The anonymous first page is cached by its ETag: it does not outlive the change.
    const anonymous = await api.thread();
    expect(anonymous.body.closed).toBe(true);

    t.clock.advance(60_000);
    const refused = await api.post(reader, { text: 'Второй' });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('thread_closed');
    const reply = await api.post(reader, { text: 'Ответ', parentId: first });
    expect(reply.status).toBe(403);
    expect((await errorOf(reply)).code).toBe('thread_closed');
    // Other pages stay open.
    await posted(await api.post(reader, { text: 'Другая', page: 'b' }));

    // Closing a closed thread changes nothing and logs nothing.
    expect((await close(admin, { page: 'a', closed: true })).status).toBe(200);
    const reopened = await close(admin, { page: 'a', closed: false });
    expect(reopened.status).toBe(200);
    const again = await api.thread();
    expect(again.body.closed).toBeUndefined();
    expect(again.response.headers.get('ETag')).not.toBe(thread.response.headers.get('ETag'));
    t.clock.advance(60_000);
    await posted(await api.post(reader, { text: 'Снова открыто' }));

    expect(await auditOf(SITE)).toEqual([
      ['reopen', 'a'],
      ['close', 'a'],
    ]);
  });

  it('refuses an admin of another site, a page without comments and a bad body', async () => {
    const api = widget(t);
    await posted(await api.post(await signedIn(t, 'Reader'), { text: 'Первый' }));
    const stranger = await panelUser('other@other.kz', OTHER);
    const refused = await close(stranger, { page: 'a', closed: true });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('forbidden');
    expect((await api.thread()).body.closed).toBeUndefined();
    expect(await auditOf(SITE)).toEqual([]);

    const missing = await close(admin, { page: 'nowhere', closed: true });
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
    const bad = await close(admin, { page: 'a', closed: 'yes' });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('invalid_request');
  });

  it('lets the site’s admins close and reopen from the widget, and no one else', async () => {
    const api = widget(t);
    const reader = await signedIn(t, 'Reader');
    await posted(await api.post(reader, { text: 'Первый' }));
    const editor = await signedIn(t, 'Editor');
    await t.db
      .updateTable('users')
      .set({ email: 'widget-editor@news.kz' })
      .where('id', '=', editor.id)
      .execute();
    await addSiteAdmin(t.db, SITE, 'widget-editor@news.kz', 0);
    const send = (who: { token: string }, body: unknown) =>
      t.app.request(`/api/sites/${SITE}/pages/closed`, {
        method: 'PUT',
        headers: { Origin: ORIGIN, Authorization: `Bearer ${who.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    const refused = await send(reader, { page: 'a', closed: true });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('forbidden');
    expect((await api.thread()).body.closed).toBeUndefined();

    const closed = await send(editor, { page: 'a', closed: true });
    expect(closed.status).toBe(200);
    expect((await closed.json()) as PageClosedView).toEqual({ site: SITE, page: 'a', closed: true });
    expect((await api.thread(reader)).body.closed).toBe(true);
    t.clock.advance(1000);
    expect((await send(editor, { page: 'a', closed: false })).status).toBe(200);
    expect((await api.thread(reader)).body.closed).toBeUndefined();
    expect(await auditOf(SITE)).toEqual([
      ['reopen', 'a'],
      ['close', 'a'],
    ]);
  });

  it('closes threads closeAfterDays after their first comment, by the clock', async () => {
    const api = widget(t);
    const reader = await signedIn(t, 'Reader');
    await posted(await api.post(reader, { text: 'Первый' }));
    await updateSite(t.db, SITE, () => ({ settings: { closeAfterDays: 2 } }));
    t.clock.advance(2 * DAY - 60_000);
    await posted(await api.post(reader, { text: 'Ещё открыто' }));
    const open = await api.thread();
    expect(open.body.closed).toBeUndefined();

    t.clock.advance(60_000);
    const closed = await api.thread();
    expect(closed.body.closed).toBe(true);
    expect(closed.response.headers.get('ETag')).not.toBe(open.response.headers.get('ETag'));
    const refused = await api.post(reader, { text: 'Поздно' });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('thread_closed');
    // A new page is open: its days count from its own first comment.
    await posted(await api.post(reader, { text: 'Новая статья', page: 'b' }));
    // Back to never.
    await updateSite(t.db, SITE, () => ({ settings: { closeAfterDays: null } }));
    t.clock.advance(60_000);
    expect((await api.thread()).body.closed).toBeUndefined();
    await posted(await api.post(reader, { text: 'Снова можно' }));
  });

  it('takes closeAfterDays from the panel’s settings with a clear error', async () => {
    const patch = (body: unknown) =>
      t.app.request(`/admin/api/sites/${SITE}/settings`, {
        method: 'PATCH',
        headers: {
          Cookie: admin.cookie,
          'X-Pikir-Admin': '1',
          Origin: PUBLIC_URL,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      });
    for (const bad of [0, 3651, 1.5, '30']) {
      const response = await patch({ closeAfterDays: bad });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toContain('from 1 to 3650');
    }
    const set = await patch({ closeAfterDays: 30 });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { closeAfterDays: number }).closeAfterDays).toBe(30);
    t.clock.advance(1000);
    expect((await patch({ closeAfterDays: null })).status).toBe(200);
    expect(await auditOf(SITE)).toEqual([
      ['settings', 'closeAfterDays: 30 → never'],
      ['settings', 'closeAfterDays: never → 30'],
    ]);
  });
});
