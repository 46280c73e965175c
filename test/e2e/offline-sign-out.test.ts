/**
 * Signing out while offline: the widget shows the reader signed out at once, keeps the token of
 * the sign-out the server has not taken, and sends it again when the network is back (the
 * `online` event) or on the next page view, so the session does not live on on the server.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, resolveSession } from '../../server/auth/sessions.ts';
import { createSite } from '../../server/storage/sites.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { articlePage, readerContext } from '../helpers/reader-page.ts';
import { seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

describe.skipIf(!hasChromium)('signing out offline', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  let reader: string;

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir(), startHostSite()]);
    await createSite(pikir.storage.db, { id: 'news', name: 'News', origins: [host.url] }, Date.now());
    reader = await seedUser(pikir.storage.db, 'Асем');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  const alive = async (token: string) =>
    (await resolveSession(pikir.storage.db, token, 'news', Date.now())) !== null;

  async function signOutOffline(context: BrowserContext, path: string) {
    const page = await context.newPage();
    await page.goto(articlePage(host, pikir, path, 'data-page="offline"'));
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    await context.setOffline(true);
    // The page hears of it a moment later; a click before that would still reach the server.
    await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
    // Waited for, so that no sign-out is still on its way when the test closes the page.
    const failed = page.waitForEvent('requestfailed', (request) => request.url().endsWith('/auth/logout'));
    await page.getByRole('button', { name: 'Выйти' }).click();
    // Signed out here at once, though the server never heard of it.
    await page.getByText('Авторизуйтесь, чтобы отправить комментарий').waitFor();
    await failed;
    const stored = await page.evaluate(() => ({
      session: localStorage.getItem('pikir:session:news'),
      parked: localStorage.getItem('pikir:signout:news'),
    }));
    return { page, stored };
  }

  it('ends the session on the server when the network is back', async () => {
    const token = await createSession(pikir.storage.db, reader, 'news', Date.now());
    const context = await readerContext(browser, { token });
    const { page, stored } = await signOutOffline(context, '/offline-1');
    expect(stored).toEqual({ session: null, parked: token });
    expect(await alive(token)).toBe(true);
    await page.screenshot({ path: '/tmp/ux-shots/8-offline-sign-out-after.png' });

    await context.setOffline(false);
    await expect.poll(() => alive(token), { timeout: 5000 }).toBe(false);
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('pikir:signout:news')), { timeout: 5000 })
      .toBeNull();
    await context.close();
  });

  it('or on the next page view', async () => {
    const token = await createSession(pikir.storage.db, reader, 'news', Date.now());
    const context = await readerContext(browser, { token });
    await signOutOffline(context, '/offline-2');
    // The next page view in a browser of its own, with the site's storage: a page merely closed
    // may still hear the network come back and send the sign-out itself.
    const storageState = await context.storageState();
    await context.close();
    expect(await alive(token)).toBe(true);
    const later = await browser.newContext({ viewport: { width: 900, height: 900 }, storageState });
    const next = await later.newPage();
    await next.goto(articlePage(host, pikir, '/offline-3', 'data-page="offline"'));
    await expect.poll(() => alive(token), { timeout: 5000 }).toBe(false);
    await next.getByText('Авторизуйтесь, чтобы отправить комментарий').waitFor();
    await later.close();
  });
});
