import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeBan, insertBan } from '../../server/storage/bans.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite } from '../../server/storage/sites.ts';
import type { AuditPage, SiteBans } from '../../shared/api.ts';
import { panelUser as panelUserOf, signedIn } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { errorOf, PUBLIC_URL, SITE, testApp } from '../helpers/test-app.ts';

const OTHER = 'other';
const DAY = 24 * 3600_000;

describe.each(engines)('site bans in the admin API on $engine', ({ open }) => {
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

  const list = (who: { cookie: string }, site = SITE) =>
    t.app.request(`/admin/api/sites/${site}/bans`, { headers: { Cookie: who.cookie } });
  const unban = (who: { cookie: string }, userId: string, site = SITE) =>
    t.app.request(`/admin/api/sites/${site}/bans/${userId}`, {
      method: 'DELETE',
      headers: { Cookie: who.cookie, 'X-Pikir-Admin': '1', Origin: PUBLIC_URL },
    });
  const ban = (id: string, site: string, userId: string, until: number | null, reason: string, at: number) =>
    insertBan(t.db, { id, siteId: site, userId, until, reason, actorId: admin.id }, at);

  it('lists the bans that hold now, newest first, with whom, why, until when and by whom', async () => {
    const now = t.clock.now();
    const spammer = await signedIn(t, 'Спамер');
    const troll = await signedIn(t, 'Тролль');
    await ban('b-old', SITE, spammer.id, now - 1, 'over already', now - 2 * DAY);
    await ban('b-day', SITE, spammer.id, now + DAY, 'спам', now - 1000);
    await ban('b-ever', SITE, troll.id, null, 'оскорбления', now);
    await ban('b-other', OTHER, troll.id, null, 'elsewhere', now);

    const response = await list(admin);
    expect(response.status).toBe(200);
    expect(((await response.json()) as SiteBans).bans).toEqual([
      {
        id: 'b-ever',
        user: { id: troll.id, name: 'Тролль' },
        until: null,
        reason: 'оскорбления',
        actor: { id: admin.id, name: 'editor' },
        createdAt: now,
      },
      {
        id: 'b-day',
        user: { id: spammer.id, name: 'Спамер' },
        until: now + DAY,
        reason: 'спам',
        actor: { id: admin.id, name: 'editor' },
        createdAt: now - 1000,
      },
    ]);
  });

  it('lifts a ban: the reader may post again, and the audit log says who did it', async () => {
    const now = t.clock.now();
    const reader = await signedIn(t, 'Reader');
    await ban('b-1', SITE, reader.id, null, 'spam', now);
    await ban('b-2', OTHER, reader.id, null, 'spam', now);
    t.clock.advance(1000);

    const response = await unban(admin, reader.id);
    expect(response.status).toBe(204);
    expect(await activeBan(t.db, SITE, reader.id, t.clock.now())).toBeNull();
    // The other site's ban is that site's own.
    expect(await activeBan(t.db, OTHER, reader.id, t.clock.now())).not.toBeNull();
    expect(((await (await list(admin)).json()) as SiteBans).bans).toEqual([]);

    const audit = (await (
      await t.app.request(`/admin/api/audit?site=${SITE}`, { headers: { Cookie: admin.cookie } })
    ).json()) as AuditPage;
    expect(audit.entries[0]).toMatchObject({
      action: 'unban',
      targetUserId: reader.id,
      actor: { id: admin.id },
    });

    // Nothing holds any more: a second lifting is refused, and writes nothing.
    const again = await unban(admin, reader.id);
    expect(again.status).toBe(404);
    expect(await errorOf(again)).toMatchObject({ code: 'not_found' });
  });

  it("never shows nor lifts another site's bans", async () => {
    const reader = await signedIn(t, 'Reader');
    await ban('b-other', OTHER, reader.id, null, 'spam', t.clock.now());
    const listed = await list(admin, OTHER);
    expect(listed.status).toBe(403);
    expect(await errorOf(listed)).toMatchObject({ code: 'forbidden' });
    const lifted = await unban(admin, reader.id, OTHER);
    expect(lifted.status).toBe(403);
    expect(await errorOf(lifted)).toMatchObject({ code: 'forbidden' });
    expect(await activeBan(t.db, OTHER, reader.id, t.clock.now())).not.toBeNull();

    // Without a session, nothing at all.
    expect((await t.app.request(`/admin/api/sites/${SITE}/bans`)).status).toBe(401);
  });
});
