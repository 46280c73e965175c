/**
 * The small things a first visit trips over: the demo page's icon (no 404 in the console), a
 * count.js count that is right at once after the reader's own post, and an unknown data-lang
 * that says so, once, with the [pikir] prefix.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import { ensureDemoSite } from '../../server/demo.ts';
import { createSite } from '../../server/storage/sites.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { problemsOf, readerContext } from '../helpers/reader-page.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

describe.skipIf(!hasChromium)('small ones', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  let token: string;

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir(), startHostSite()]);
    const db = pikir.storage.db;
    await createSite(db, { id: 'news', name: 'News', origins: [host.url] }, Date.now());
    const reader = await seedUser(db, 'Асем');
    await seedComment(db, {
      siteId: 'news',
      pageKey: 'counted',
      authorId: reader,
      text: 'Раз',
      at: Date.now() - 60_000,
    });
    token = await createSession(db, reader, 'news', Date.now());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  it('gives the demo page an icon: no 404 in the console', async () => {
    const context = await readerContext(browser);
    const page = await context.newPage();
    const problems = problemsOf(page);
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 404) missing.push(response.url());
    });
    await ensureDemoSite(pikir.storage.db, pikir.url, Date.now());
    await page.goto(`${pikir.url}/`);
    await page.locator('#pikir-header').waitFor();
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
    await page.waitForLoadState('networkidle');
    expect(missing).toEqual([]);
    expect(problems.filter((p) => p.includes('404'))).toEqual([]);
    await context.close();
  });

  it("shows the reader's own post in count.js at once, here and on the next list page", async () => {
    const context = await readerContext(browser, { token });
    const page = await context.newPage();
    const counter = '<p>Комментарии: <b data-pikir-count="counted">…</b></p>';
    const countJs = `<script src="${pikir.url}/count.js" data-site="news" async></script>`;
    const article = `<!doctype html><html lang="ru"><head><link rel="icon" href="data:,"></head><body>${counter}
      <div id="comments"></div><script src="${pikir.url}/embed.js" data-site="news" data-page="counted" async></script>
      ${countJs}</body></html>`;
    await page.goto(host.page('/counted', article));
    const count = page.locator('[data-pikir-count]');
    await expect.poll(() => count.textContent()).toBe('1');

    // The list page is visited once before the post: its answer sits in the HTTP cache for a minute.
    const list = host.page('/list', `<ul><li>Статья <b data-pikir-count="counted">…</b></li></ul>${countJs}`);
    const other = await context.newPage();
    await other.goto(list);
    await expect.poll(() => other.locator('[data-pikir-count]').textContent()).toBe('1');

    await page.getByLabel('Ваш комментарий', { exact: true }).fill('Два');
    await page.getByRole('button', { name: 'Отправить', exact: true }).click();
    await expect.poll(() => count.textContent()).toBe('2');

    await other.goto(list);
    await expect.poll(() => other.locator('[data-pikir-count]').textContent()).toBe('2');
    await context.close();
  });

  it('warns once with [pikir] about an unknown data-lang, and shows Russian', async () => {
    const context = await readerContext(browser);
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    const body = `<div id="comments"></div><div id="second"></div>
      <script src="${pikir.url}/embed.js" data-site="news" data-page="counted" data-lang="de" async></script>
      <script src="${pikir.url}/embed.js" data-site="news" data-page="counted" data-lang="de" data-target="#second" async></script>`;
    await page.goto(
      host.page(
        '/lang',
        `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>${body}</body></html>`,
      ),
    );
    await page.locator('#second .comment').first().waitFor();
    await page.locator('#comments .comment').first().waitFor();
    expect(await page.locator('#comments #pikir-header').textContent()).toContain('Комментарии');
    expect(warnings).toEqual(['[pikir] unknown data-lang="de" (ru, kk, en): showing ru']);
    await context.close();
  });
});
