import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_WRITES_PER_MINUTE } from '../../server/http/admin-session.ts';
import { listTeam } from '../../server/storage/admins.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite } from '../../server/storage/sites.ts';
import type { AdminMe, AuditPage, QueuePage, SiteTeam } from '../../shared/api.ts';
import { panelUser as panelUserOf, posted, type Reader, signedIn, widget } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { errorOf, PUBLIC_URL, SITE, testApp } from '../helpers/test-app.ts';

const OTHER = 'other';
const OTHER_ORIGIN = 'https://other.example.kz';

type Who = { id: string; cookie: string };

describe.each(engines)('site roles in the admin API on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;
  let author: Reader;
  let reporter: Reader;
  /** Admin of SITE. */
  let admin: Who;
  /** Moderator of SITE. */
  let moderator: Who;

  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage, { settings: { complaintThreshold: 1 } });
    await createSite(t.db, { id: OTHER, name: 'Other', origins: [OTHER_ORIGIN] }, 0);
    author = await signedIn(t, 'Author');
    reporter = await signedIn(t, 'Reporter');
    admin = await panelUserOf(t, 'editor@news.kz', SITE);
    moderator = await panelUserOf(t, 'moder@news.kz', SITE, 'moderator');
  });
  afterEach(() => storage.close());

  function panel(who: Who, path: string, init: { method?: string; body?: unknown } = {}) {
    const method = init.method ?? 'GET';
    return t.app.request(`/admin/api${path}`, {
      method,
      headers: {
        Cookie: who.cookie,
        ...(method === 'GET' ? {} : { 'X-Pikir-Admin': '1', Origin: PUBLIC_URL }),
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  }
  const putTeam = (who: Who, contact: string, role: string, site = SITE) =>
    panel(who, `/sites/${site}/team`, { method: 'PUT', body: { contact, role } });
  const removeFromTeam = (who: Who, contact: string, site = SITE) =>
    panel(who, `/sites/${site}/team/${encodeURIComponent(contact)}`, { method: 'DELETE' });

  /** A comment on `site` with one complaint: in the queue. */
  async function reported(text: string, site = SITE, page = 'a'): Promise<string> {
    const readers = site === SITE ? widget(t) : widget(t, site, OTHER_ORIGIN);
    const [by, against] =
      site === SITE ? [author, reporter] : [await signedIn(t, 'Author', site), await signedIn(t, 'R', site)];
    const id = await posted(
      await readers.post(by, { page, url: `https://${site}.example.kz/${page}?x=1#top`, text }),
    );
    expect((await readers.report(against, id, { reason: 'spam' })).status).toBe(201);
    t.clock.advance(11_000);
    return id;
  }

  it('/me gives each site’s role; ADMINS are admins of every site', async () => {
    const both = await panelUserOf(t, 'both@news.kz', SITE, 'moderator');
    await putTeam(admin, 'x@x.kz', 'moderator'); // unrelated
    await t.db
      .insertInto('site_admins')
      .values({ site_id: OTHER, contact: 'both@news.kz', role: 'admin', created_at: 0 })
      .execute();
    const me = (await (await panel(both, '/me')).json()) as AdminMe;
    expect(me.sites).toEqual([
      { id: SITE, name: 'News', role: 'moderator' },
      { id: OTHER, name: 'Other', role: 'admin' },
    ]);

    const global = await testApp(storage, { admins: ['root@pikir.kz'] });
    const root = await panelUserOf(global, 'root@pikir.kz');
    const rootMe = (await (
      await global.app.request('/admin/api/me', { headers: { Cookie: root.cookie } })
    ).json()) as AdminMe;
    expect(rootMe.sites.map((s) => [s.id, s.role])).toEqual([
      [SITE, 'admin'],
      [OTHER, 'admin'],
    ]);
  });

  it('a moderator works the queue, decides, lifts bans and closes threads, but gets 403 for settings and the team', async () => {
    const id = await reported('спам');
    const queue = (await (await panel(moderator, '/queue?status=open')).json()) as QueuePage;
    expect(queue.items.map((i) => i.comment.id)).toEqual([id]);
    const hide = await panel(moderator, `/comments/${id}/actions`, {
      method: 'POST',
      body: { site: SITE, action: 'hide' },
    });
    expect(hide.status).toBe(200);
    const unhide = await panel(moderator, `/comments/${id}/actions`, {
      method: 'POST',
      body: { site: SITE, action: 'unhide' },
    });
    expect(unhide.status).toBe(200);
    const close = await panel(moderator, `/sites/${SITE}/pages/closed`, {
      method: 'PUT',
      body: { page: 'a', closed: true },
    });
    expect(close.status).toBe(200);
    expect((await panel(moderator, `/sites/${SITE}/bans`)).status).toBe(200);

    for (const refused of [
      panel(moderator, `/sites/${SITE}/settings`),
      panel(moderator, `/sites/${SITE}/settings`, { method: 'PATCH', body: { complaintThreshold: 9 } }),
      panel(moderator, `/sites/${SITE}/team`),
      putTeam(moderator, 'friend@news.kz', 'admin'),
      putTeam(moderator, 'moder@news.kz', 'admin'),
      removeFromTeam(moderator, 'editor@news.kz'),
    ]) {
      const response = await refused;
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe('forbidden');
    }
    // Nothing changed.
    expect((await listTeam(t.db, SITE)).map((m) => [m.contact, m.role])).toEqual([
      ['editor@news.kz', 'admin'],
      ['moder@news.kz', 'moderator'],
    ]);
  });

  it('an admin of one site can never touch another’s settings, team, bans, queue or comments', async () => {
    const elsewhere = await reported('на другом сайте', OTHER);
    const attempts = [
      panel(admin, `/sites/${OTHER}/settings`),
      panel(admin, `/sites/${OTHER}/settings`, { method: 'PATCH', body: { complaintThreshold: 9 } }),
      panel(admin, `/sites/${OTHER}/team`),
      putTeam(admin, 'editor@news.kz', 'admin', OTHER),
      removeFromTeam(admin, 'editor@news.kz', OTHER),
      panel(admin, `/sites/${OTHER}/bans`),
      panel(admin, `/queue?site=${OTHER}&status=open`),
      panel(admin, `/audit?site=${OTHER}`),
      panel(admin, `/comments/${elsewhere}/actions`, {
        method: 'POST',
        body: { site: OTHER, action: 'hide' },
      }),
    ];
    for (const attempt of attempts) expect((await attempt).status).toBe(403);
    expect(await listTeam(t.db, OTHER)).toEqual([]);
    // Claiming its own site for the other site's comment finds nothing.
    const claimed = await panel(admin, `/comments/${elsewhere}/actions`, {
      method: 'POST',
      body: { site: SITE, action: 'hide' },
    });
    expect(claimed.status).toBe(404);
  });

  it('one queue across the admin’s sites, with a site filter; never a site that is not theirs', async () => {
    const both = await panelUserOf(t, 'both@news.kz', SITE, 'moderator');
    await t.db
      .insertInto('site_admins')
      .values({ site_id: OTHER, contact: 'both@news.kz', role: 'moderator', created_at: 0 })
      .execute();
    const here = await reported('здесь');
    const there = await reported('там', OTHER);
    const all = (await (await panel(both, '/queue?status=open')).json()) as QueuePage;
    expect(all.items.map((i) => [i.site, i.comment.id]).sort()).toEqual(
      [
        [SITE, here],
        [OTHER, there],
      ].sort(),
    );
    expect(all.items.find((i) => i.site === OTHER)!.page.url).toBe('https://other.example.kz/a?x=1#top');
    const one = (await (await panel(both, `/queue?site=${OTHER}&status=open`)).json()) as QueuePage;
    expect(one.items.map((i) => i.comment.id)).toEqual([there]);
    // The admin of SITE alone sees SITE's only.
    const mine = (await (await panel(admin, '/queue?status=open')).json()) as QueuePage;
    expect(mine.items.map((i) => i.comment.id)).toEqual([here]);
  });

  it('a site admin adds a moderator, changes the role and removes them, each in the audit log', async () => {
    const added = await putTeam(admin, '  New.Moder@News.KZ ', 'moderator');
    expect(added.status).toBe(200);
    const team = (await added.json()) as SiteTeam;
    expect(team.members.map((m) => [m.contact, m.role, m.name])).toEqual([
      ['editor@news.kz', 'admin', 'editor'],
      ['moder@news.kz', 'moderator', 'moder'],
      ['New.Moder@news.kz', 'moderator', null],
    ]);
    t.clock.advance(1000);
    expect((await putTeam(admin, 'new.moder@news.kz', 'admin')).status).toBe(200);
    t.clock.advance(1000);
    expect((await removeFromTeam(admin, 'NEW.MODER@news.kz')).status).toBe(204);
    expect((await listTeam(t.db, SITE)).map((m) => m.contact)).toEqual(['editor@news.kz', 'moder@news.kz']);

    const audit = (await (await panel(admin, `/audit?site=${SITE}`)).json()) as AuditPage;
    expect(audit.entries.map((e) => [e.action, e.actor.id, e.reason])).toEqual([
      ['team', admin.id, 'New.Moder@news.kz: admin → —'],
      ['team', admin.id, 'New.Moder@news.kz: moderator → admin'],
      ['team', admin.id, 'New.Moder@news.kz: — → moderator'],
    ]);
    // Putting the role it already has changes nothing and logs nothing.
    expect((await putTeam(admin, 'moder@news.kz', 'moderator')).status).toBe(200);
    expect(((await (await panel(admin, '/audit')).json()) as AuditPage).entries).toHaveLength(3);
  });

  it('refuses bad contacts and roles, unknown members, and leaving the site without an admin', async () => {
    const badContact = await putTeam(admin, 'bob', 'moderator');
    expect(badContact.status).toBe(400);
    expect((await errorOf(badContact)).code).toBe('contact_invalid');
    const badRole = await putTeam(admin, 'bob@news.kz', 'owner');
    expect(badRole.status).toBe(400);
    expect((await errorOf(badRole)).code).toBe('invalid_request');
    const unknown = await removeFromTeam(admin, 'nobody@news.kz');
    expect(unknown.status).toBe(404);

    const demoteSelf = await putTeam(admin, 'editor@news.kz', 'moderator');
    expect(demoteSelf.status).toBe(409);
    expect((await errorOf(demoteSelf)).code).toBe('last_admin');
    const removeSelf = await removeFromTeam(admin, 'editor@news.kz');
    expect(removeSelf.status).toBe(409);
    expect((await errorOf(removeSelf)).code).toBe('last_admin');
    expect((await listTeam(t.db, SITE)).find((m) => m.contact === 'editor@news.kz')?.role).toBe('admin');
    expect(((await (await panel(admin, '/audit')).json()) as AuditPage).entries).toEqual([]);

    // With a second admin, either may step down.
    expect((await putTeam(admin, 'moder@news.kz', 'admin')).status).toBe(200);
    expect((await removeFromTeam(admin, 'editor@news.kz')).status).toBe(204);
  });

  it('two admins demoting each other at once: one wins, the site keeps an admin', async () => {
    const second = await panelUserOf(t, 'second@news.kz', SITE);
    const [a, b] = await Promise.all([
      putTeam(admin, 'second@news.kz', 'moderator'),
      putTeam(second, 'editor@news.kz', 'moderator'),
    ]);
    // The loser is refused either by the last-admin rule (both passed the rights check before
    // either change) or, when its rights were read after the winner's change, as a moderator.
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const admins = (await listTeam(t.db, SITE)).filter((m) => m.role === 'admin');
    expect(admins).toHaveLength(1);
  });

  it('a demotion and a removal take effect on the very next request of a signed-in admin', async () => {
    const second = await panelUserOf(t, 'second@news.kz', SITE);
    expect((await panel(second, `/sites/${SITE}/settings`)).status).toBe(200);
    expect((await putTeam(admin, 'second@news.kz', 'moderator')).status).toBe(200);
    // Same session, next request.
    expect((await panel(second, `/sites/${SITE}/settings`)).status).toBe(403);
    expect(((await (await panel(second, '/me')).json()) as AdminMe).sites).toEqual([
      { id: SITE, name: 'News', role: 'moderator' },
    ]);
    expect((await panel(second, '/queue?status=open')).status).toBe(200);
    expect((await removeFromTeam(admin, 'second@news.kz')).status).toBe(204);
    expect((await panel(second, '/queue?status=open')).status).toBe(403);
  });

  it('limits an admin’s writes to a number a minute, across endpoints, each admin their own', async () => {
    for (let i = 0; i < ADMIN_WRITES_PER_MINUTE; i++) {
      expect((await putTeam(admin, 'moder@news.kz', 'moderator')).status).toBe(200);
    }
    const refused = await putTeam(admin, 'moder@news.kz', 'moderator');
    expect(refused.status).toBe(429);
    const body = await errorOf(refused);
    expect(body.code).toBe('rate_limited');
    expect(body.retryAfter).toBeGreaterThan(0);
    const settings = await panel(admin, `/sites/${SITE}/settings`, {
      method: 'PATCH',
      body: { complaintThreshold: 5 },
    });
    expect(settings.status).toBe(429);
    // Reads go on; another admin writes.
    expect((await panel(admin, `/sites/${SITE}/team`)).status).toBe(200);
    const id = await reported('другой модератор');
    const other = await panel(moderator, `/comments/${id}/actions`, {
      method: 'POST',
      body: { site: SITE, action: 'hide' },
    });
    expect(other.status).toBe(200);
    t.clock.advance(60_000);
    expect((await putTeam(admin, 'moder@news.kz', 'moderator')).status).toBe(200);
  });

  it('an audit entry about a comment carries its text, cut, and its page', async () => {
    const long = `${'Очень длинный комментарий о ставке '.repeat(8)}конец`;
    const id = await reported(long);
    await panel(moderator, `/comments/${id}/actions`, {
      method: 'POST',
      body: { site: SITE, action: 'hide', reason: 'флуд' },
    });
    const [entry] = ((await (await panel(admin, '/audit')).json()) as AuditPage).entries;
    expect(entry).toMatchObject({ action: 'hide', commentId: id, reason: 'флуд' });
    expect(entry!.comment!.page).toEqual({
      url: 'https://news.example.kz/a?x=1#top',
      title: expect.any(String),
    });
    const text = entry!.comment!.text;
    expect(text.endsWith('…')).toBe(true);
    expect([...text].length).toBeLessThanOrEqual(141);
    expect(long.startsWith(text.slice(0, -1))).toBe(true);
    expect(text).not.toContain('конец');
  });
});
