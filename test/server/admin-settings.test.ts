import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import { webhookWorker } from '../../server/delivery/webhook-worker.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite, getSite, updateSite } from '../../server/storage/sites.ts';
import type { AuditPage, SiteSettingsView } from '../../shared/api.ts';
import { panelUser as panelUserOf, posted, signedIn, widget } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { errorOf, PUBLIC_URL, SITE, testApp } from '../helpers/test-app.ts';

const OTHER = 'other';
const DAY = 24 * 3600_000;

describe.each(engines)('site settings in the admin API on $engine', ({ open }) => {
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

  const settings = (who: { cookie: string } | undefined, site = SITE) =>
    t.app.request(`/admin/api/sites/${site}/settings`, { headers: who ? { Cookie: who.cookie } : {} });
  const change = (who: { cookie: string } | undefined, body: unknown, site = SITE) =>
    t.app.request(`/admin/api/sites/${site}/settings`, {
      method: 'PATCH',
      headers: {
        ...(who ? { Cookie: who.cookie } : {}),
        'X-Pikir-Admin': '1',
        Origin: PUBLIC_URL,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });

  it('shows the site’s settings to its admins, the webhook by its origin only', async () => {
    await updateSite(t.db, SITE, () => ({
      settings: { webhookUrl: 'https://hooks.example.kz/bot123:secret/send' },
    }));
    const response = await settings(admin);
    expect(response.status).toBe(200);
    expect((await response.json()) as SiteSettingsView).toEqual({
      site: SITE,
      name: 'News',
      defaultCountry: 'KZ',
      complaintThreshold: 3,
      smsCountries: ['KZ'],
      smsDailyBudget: 500,
      commentMaxLength: 5000,
      closeAfterDays: null,
      dislikes: false,
      webhook: { origin: 'https://hooks.example.kz', pending: 0, failing: 0, failed: [] },
    });
  });

  it('changes what is sent, writes each change to the audit log, and the server obeys it', async () => {
    const response = await change(admin, {
      name: ' Новости ',
      complaintThreshold: 1,
      smsCountries: ['kz', 'UZ', 'KZ'],
      commentMaxLength: 20,
      smsDailyBudget: 500,
    });
    expect(response.status).toBe(200);
    expect((await response.json()) as SiteSettingsView).toMatchObject({
      name: 'Новости',
      complaintThreshold: 1,
      smsCountries: ['KZ', 'UZ'],
      commentMaxLength: 20,
      smsDailyBudget: 500,
      defaultCountry: 'KZ',
    });
    const site = (await getSite(t.db, SITE))!;
    expect(site.settings).toMatchObject({ complaintThreshold: 1, commentMaxLength: 20 });
    const audit = (await (
      await t.app.request(`/admin/api/audit?site=${SITE}`, { headers: { Cookie: admin.cookie } })
    ).json()) as AuditPage;
    expect(audit.entries.map((e) => [e.action, e.actor.id, e.reason]).sort()).toEqual(
      [
        ['settings', admin.id, 'name: News → Новости'],
        ['settings', admin.id, 'complaintThreshold: 3 → 1'],
        ['settings', admin.id, 'smsCountries: KZ → KZ,UZ'],
        ['settings', admin.id, 'commentMaxLength: 5000 → 20'],
      ].sort(),
    );
    // The new length holds at once.
    const reader = await signedIn(t, 'Reader');
    const long = await widget(t).post(reader, { text: 'x'.repeat(21) });
    expect(long.status).toBe(400);
    expect((await widget(t).post(reader, { text: 'x'.repeat(20) })).status).toBe(201);
  });

  it('refuses each bad value with a 400 naming it, changing nothing', async () => {
    const before = await getSite(t.db, SITE);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ complaintThreshold: 0 }, /^complaintThreshold: must be a whole number from 1 to 100/],
      [{ complaintThreshold: 2.5 }, /complaintThreshold: must be a whole number/],
      [{ complaintThreshold: '3' }, /complaintThreshold: must be a whole number/],
      [{ smsDailyBudget: -1 }, /smsDailyBudget: must be a whole number from 0 to 999999999/],
      [{ commentMaxLength: 5001 }, /commentMaxLength: must be a whole number from 1 to 5000/],
      [{ smsCountries: ['KZ', 'XX'] }, /smsCountries\.1: must be a two-letter country code/],
      [{ smsCountries: 'KZ' }, /smsCountries: must be a list/],
      [{ defaultCountry: 'Kazakhstan' }, /defaultCountry: must be a two-letter country code/],
      [{ name: '  ' }, /name: must not be empty/],
      [{ name: 'x'.repeat(101) }, /name: must be at most 100 characters/],
      // The webhook is the operator's (CLI), not the panel's.
      [{ webhookUrl: 'http://127.0.0.1:5432/' }, /webhookUrl: is not a known field/],
    ];
    for (const [body, message] of cases) {
      const response = await change(admin, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('invalid_request');
      expect(error.message, JSON.stringify(body)).toMatch(message);
    }
    expect(await getSite(t.db, SITE)).toEqual(before);
    expect(await t.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });

  it('answers other sites’ admins 403, strangers 401, and unknown sites 404 for global admins', async () => {
    const stranger = await panelUser('other@news.kz', OTHER);
    expect((await settings(stranger)).status).toBe(403);
    expect((await change(stranger, { complaintThreshold: 1 })).status).toBe(403);
    expect((await settings(undefined)).status).toBe(401);
    expect((await change(undefined, { complaintThreshold: 1 })).status).toBe(401);
    expect((await getSite(t.db, SITE))!.settings.complaintThreshold).toBe(3);
    expect((await settings(admin, 'gone')).status).toBe(403);
  });

  it('refuses a change without the panel’s CSRF header', async () => {
    const response = await t.app.request(`/admin/api/sites/${SITE}/settings`, {
      method: 'PATCH',
      headers: { Cookie: admin.cookie, Origin: PUBLIC_URL, 'Content-Type': 'application/json' },
      body: JSON.stringify({ complaintThreshold: 1 }),
    });
    expect(response.status).toBe(403);
    expect((await getSite(t.db, SITE))!.settings.complaintThreshold).toBe(3);
  });

  it('shows deliveries waiting and those given up after a day', async () => {
    await updateSite(t.db, SITE, () => ({ settings: { webhookUrl: 'https://hooks.example.kz/x' } }));
    const author = await signedIn(t, 'Author');
    const reader = await signedIn(t, 'Reader');
    const comment = await posted(await widget(t).post(author, { text: 'rude' }));
    await widget(t).report(reader, comment, { reason: 'spam' });
    let view = (await (await settings(admin)).json()) as SiteSettingsView;
    expect(view.webhook).toMatchObject({ pending: 1, failing: 0, failed: [] });
    const worker = webhookWorker({
      db: t.db,
      clock: t.clock,
      serverKey: t.secret,
      send: async () => {
        throw new Error('connect ECONNREFUSED');
      },
      log: () => {},
    });
    await worker.tick();
    view = (await (await settings(admin)).json()) as SiteSettingsView;
    expect(view.webhook).toMatchObject({ pending: 1, failing: 1, failed: [] });
    t.clock.advance(DAY);
    await worker.tick();
    // A day later the panel session has gone idle: the admin signs in again.
    admin = { ...admin, cookie: `pikir_admin=${await createSession(t.db, admin.id, null, t.clock.now())}` };
    view = (await (await settings(admin)).json()) as SiteSettingsView;
    expect(view.webhook).toMatchObject({
      pending: 0,
      failing: 0,
      failed: [
        { event: 'complaint', attempts: 2, lastError: 'connect ECONNREFUSED', failedAt: t.clock.now() },
      ],
    });
    const events = (await (
      await t.app.request(`/admin/api/events?site=${SITE}`, { headers: { Cookie: admin.cookie } })
    ).json()) as { events: { kind: string }[] };
    expect(events.events.map((e) => e.kind)).toEqual(['webhook_failed']);
  });
});
