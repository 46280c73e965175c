/**
 * Kazakh dates in a browser that has no Kazakh locale data: every Intl constructor answers a kk
 * request as an English one, as Chromium builds without kk do. The widget and the panel still
 * write "5 минут бұрын" and "2026 ж. 1 желтоқсан, 19:20", from their own dictionaries.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import { createSite } from '../../server/storage/sites.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { seedAccount, seedComment, seedComplaint, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const MINUTE = 60_000;
const ADMIN = { contact: 'admin@example.kz', password: 'secret7' };
const KK_MONTHS = 'қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан'.split(
  ' ',
);

/** Runs in the page before any script: Intl without Kazakh, English in its place. */
function forgetKazakh() {
  const withoutKk = (locales: unknown) => {
    const list = (Array.isArray(locales) ? locales : [locales]).filter(
      (l) => typeof l === 'string' && !/^kk\b/i.test(l),
    );
    return list.length ? list : ['en-US'];
  };
  for (const name of ['DateTimeFormat', 'RelativeTimeFormat', 'PluralRules', 'NumberFormat'] as const) {
    const Original = Intl[name] as unknown as {
      new (locales?: unknown, options?: unknown): object;
      supportedLocalesOf(locales: unknown): string[];
    };
    const Stub = function (this: unknown, locales?: unknown, options?: unknown) {
      return new Original(withoutKk(locales), options);
    } as unknown as { supportedLocalesOf(locales: unknown): string[] };
    Stub.supportedLocalesOf = (locales: unknown) =>
      Original.supportedLocalesOf(locales).filter((l) => !/^kk\b/i.test(l));
    Object.defineProperty(Intl, name, { value: Stub, configurable: true, writable: true });
  }
  const toLocale = Date.prototype.toLocaleString;
  Date.prototype.toLocaleString = function (locales?: unknown, options?: unknown) {
    return toLocale.call(this, withoutKk(locales) as string[], options as Intl.DateTimeFormatOptions);
  };
}

/** "2026 ж. 1 желтоқсан, 19:20" in Almaty (UTC+5 all year). */
function almatyDate(at: number): string {
  const d = new Date(at + 5 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()} ж. ${d.getUTCDate()} ${KK_MONTHS[d.getUTCMonth()]}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

describe.skipIf(!hasChromium)('Kazakh dates without Kazakh locale data', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  let context: BrowserContext;
  let posted: number;

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir(), startHostSite()]);
    const db = pikir.storage.db;
    const now = Date.now();
    await createSite(
      db,
      { id: 'news', name: 'News', origins: [host.url], settings: { complaintThreshold: 1 } },
      now,
    );
    posted = now - 5 * MINUTE;
    const aigerim = await seedUser(db, 'Айгерим');
    const article = { siteId: 'news', pageKey: 'kk-article', authorId: aigerim, at: posted };
    await seedComment(db, { ...article, text: 'Жақсы мақала' });
    // Reported once, it waits in the panel's queue (and is hidden from the thread meanwhile).
    const comment = await seedComment(db, { ...article, text: 'Жарнама' });
    await seedComplaint(db, {
      commentId: comment,
      reporterId: await seedUser(db, 'Асем'),
      reason: 'spam',
      at: now,
    });
    await seedAccount(db, { contact: ADMIN.contact, name: 'Модератор', password: ADMIN.password });
    await addSiteAdmin(db, 'news', ADMIN.contact, now);
    browser = await launchChromium();
    context = await browser.newContext({ timezoneId: 'Asia/Almaty', locale: 'kk-KZ' });
    await context.addInitScript(forgetKazakh);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  it('the stub really leaves the browser without Kazakh', async () => {
    const page = await context.newPage();
    await page.goto(host.page('/probe', '<p>probe</p>'));
    const said = await page.evaluate(() => new Intl.RelativeTimeFormat('kk').format(-5, 'minute'));
    expect(said).toBe('5 minutes ago');
    await page.close();
  });

  it('writes the thread’s dates in Kazakh', async () => {
    const page = await context.newPage();
    const body = `<div id="comments"></div><script src="${pikir.url}/embed.js" data-site="news" data-page="kk-article" data-lang="kk" async></script>`;
    await page.goto(host.page('/kk-article', body));
    const time = page.locator('.comment time').first();
    await expect.poll(() => time.textContent()).toBe('5 минут бұрын');
    expect(await time.getAttribute('title')).toBe(almatyDate(posted));
    await page.screenshot({ path: '/tmp/ux-shots/1-kk-widget-after.png' });
    await page.close();
  });

  it('writes the panel’s dates in Kazakh', async () => {
    const page = await context.newPage();
    const login = await page.request.post(`${pikir.url}/admin/api/login`, {
      headers: { 'X-Pikir-Admin': '1' },
      data: { channel: 'email', contact: ADMIN.contact, password: ADMIN.password },
    });
    expect(login.status()).toBe(200);
    await page.goto(`${pikir.url}/admin?lang=kk`);
    await page.locator('ol.queue').getByText('Жарнама').first().waitFor();
    const text = await page.locator('ol.queue').textContent();
    expect(text).toContain(almatyDate(posted));
    expect(text).not.toMatch(/M\d{1,2}|\bAM\b|\bPM\b/);
    await page.screenshot({ path: '/tmp/ux-shots/1-kk-panel-after.png', fullPage: true });
    await page.close();
  });
});
