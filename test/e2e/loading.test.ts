/**
 * What a reader sees while the thread loads: embed.js draws an outline of a thread at once, inside
 * the shadow root and before any widget code; the thread replaces it. A request that fails once
 * is tried again by itself; when the server stays away, "Повторить"; when embed.js's widget code
 * cannot load, the site owner's own fallback inside the target shows again.
 */
import type { Browser, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite } from '../../server/storage/sites.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { articlePage, readerContext } from '../helpers/reader-page.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const FALLBACK = '<p id="fallback">Комментарии временно недоступны.</p>';

describe.skipIf(!hasChromium)('loading and outage states', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir(), startHostSite()]);
    const db = pikir.storage.db;
    await createSite(db, { id: 'news', name: 'News', origins: [host.url] }, Date.now());
    const author = await seedUser(db, 'Айгерим');
    await seedComment(db, {
      siteId: 'news',
      pageKey: 'slow',
      authorId: author,
      text: 'Наконец-то',
      at: Date.now(),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  const threadRequests = (url: URL) => url.pathname === '/api/sites/news/comments';
  const shadow = (page: import('playwright-core').Page) =>
    page.locator('#comments').evaluate((el) => ({
      skeleton: el.shadowRoot?.querySelector('.skeleton')?.getAttribute('aria-hidden') ?? null,
      bars: el.shadowRoot?.querySelectorAll('.skeleton i').length ?? 0,
      widget: el.shadowRoot?.querySelector('.pikir') !== null && el.shadowRoot !== null,
    }));

  it('draws the outline at once and replaces it with the thread when the data comes', async () => {
    const context = await readerContext(browser);
    const page = await context.newPage();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(threadRequests, async (route: Route) => {
      await held;
      await route.continue();
    });
    await page.goto(articlePage(host, pikir, '/slow', 'data-page="slow"', FALLBACK));
    await expect.poll(() => shadow(page)).toEqual({ skeleton: 'true', bars: 6, widget: false });
    // The site's fallback is hidden while the outline shows.
    expect(await page.locator('#fallback').isVisible()).toBe(false);
    await page.screenshot({ path: '/tmp/ux-shots/4-skeleton-after.png' });
    release();
    await page.locator('.comment .text').filter({ hasText: 'Наконец-то' }).waitFor();
    expect(await shadow(page)).toEqual({ skeleton: null, bars: 0, widget: true });
    await context.close();
  });

  it('tries a failed first request once more by itself', async () => {
    const context = await readerContext(browser);
    const page = await context.newPage();
    let calls = 0;
    await page.route(threadRequests, (route: Route) =>
      ++calls === 1 ? route.abort('connectionreset') : route.continue(),
    );
    await page.goto(articlePage(host, pikir, '/slow-retry', 'data-page="slow"'));
    await page.locator('.comment .text').filter({ hasText: 'Наконец-то' }).waitFor();
    expect(calls).toBe(2);
    expect(await page.getByRole('button', { name: 'Повторить' }).count()).toBe(0);
    await context.close();
  });

  it('offers "Повторить" when the server stays away, and loads on the click', async () => {
    const context = await readerContext(browser);
    const page = await context.newPage();
    let down = true;
    let calls = 0;
    await page.route(threadRequests, (route: Route) => {
      calls++;
      return down ? route.abort('connectionrefused') : route.continue();
    });
    await page.goto(articlePage(host, pikir, '/down', 'data-page="slow"'));
    const retry = page.getByRole('button', { name: 'Повторить' });
    await retry.waitFor();
    expect(calls).toBe(2);
    down = false;
    await retry.click();
    await page.locator('.comment .text').filter({ hasText: 'Наконец-то' }).waitFor();
    await context.close();
  });

  it("shows the site owner's fallback again when the widget's code cannot load", async () => {
    const context = await readerContext(browser);
    const page = await context.newPage();
    await page.route(
      (url) => url.pathname.startsWith('/assets/'),
      (route: Route) => route.abort('failed'),
    );
    await page.goto(articlePage(host, pikir, '/no-code', 'data-page="slow"', FALLBACK));
    await page.locator('#fallback').waitFor({ state: 'visible' });
    expect(await shadow(page)).toMatchObject({ skeleton: null });
    await context.close();
  });
});
