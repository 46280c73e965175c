import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite } from '../../server/storage/sites.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const MINUTE = 60_000;

describe.skipIf(!hasChromium)('the snippet on a host page of another origin', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  let foreign: HostSite;

  beforeAll(async () => {
    [pikir, host, foreign] = await Promise.all([startPikir(), startHostSite(), startHostSite()]);
    const db = pikir.storage.db;
    await createSite(db, { id: 'news', name: 'News', origins: [host.url] }, Date.now());
    const aigerim = await seedUser(db, 'Айгерим');
    const erlan = await seedUser(db, 'Ерлан');
    const now = Date.now();
    const top = await seedComment(db, {
      siteId: 'news',
      pageKey: 'article-1',
      authorId: aigerim,
      text: 'Первая строка\nвторая строка, подробнее: https://kase.kz/ru/news',
      at: now - 5 * MINUTE,
    });
    await seedComment(db, {
      siteId: 'news',
      pageKey: 'article-1',
      authorId: erlan,
      parentId: top,
      text: 'Согласен',
      at: now - 2 * MINUTE,
    });
    await seedComment(db, {
      siteId: 'news',
      pageKey: 'article-1',
      authorId: erlan,
      text: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>',
      at: now - 60 * MINUTE,
    });
    for (let i = 0; i < 23; i++) {
      await seedComment(db, {
        siteId: 'news',
        pageKey: 'long',
        authorId: erlan,
        text: `Комментарий ${i}`,
        at: now - (100 + i) * MINUTE,
      });
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close(), foreign?.close()]);
  });

  const snippet = (attrs: string) =>
    `<div id="comments"></div>\n<script src="${pikir.url}/embed.js" data-site="news" ${attrs} async></script>`;

  async function open(site: HostSite, path: string, body: string, viewport = { width: 1000, height: 900 }) {
    const url = site.page(
      path,
      `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Статья</title>
      <style>p, span, button { display: none !important; color: red !important } body { font: 30px serif; color: red }</style>
      </head><body>${body}</body></html>`,
    );
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(url);
    return { page, errors };
  }

  it('renders the thread in a shadow root that the host page CSS cannot reach', async () => {
    const { page, errors } = await open(host, '/article-1', snippet('data-page="article-1"'));
    const header = page.locator('#pikir-header');
    await expect.poll(() => header.textContent()).toContain('Комментарии');
    expect(await page.locator('#comments').evaluate((el) => el.shadowRoot?.mode)).toBe('open');
    expect(await page.locator('.count').textContent()).toBe('3');
    expect(await page.locator('.comment').count()).toBe(3);
    const firstText = page.locator('.comment .text').first();
    expect(await firstText.textContent()).toBe(
      'Первая строка\nвторая строка, подробнее: https://kase.kz/ru/news',
    );
    const link = firstText.locator('a');
    expect(await link.getAttribute('href')).toBe('https://kase.kz/ru/news');
    expect(await link.getAttribute('rel')).toBe('nofollow ugc noopener');
    // The reply sits one level deep under its comment.
    expect(await page.locator('.comment .replies .comment .text').textContent()).toBe('Согласен');
    // Host CSS hides every span and paints text red; inside the widget neither happens.
    const count = page.locator('.count');
    expect(await count.evaluate((el) => getComputedStyle(el).display)).not.toBe('none');
    expect(await count.evaluate((el) => getComputedStyle(el).color)).not.toBe('rgb(255, 0, 0)');
    expect(await header.evaluate((el) => getComputedStyle(el).color)).not.toBe('rgb(255, 0, 0)');
    expect(await header.evaluate((el) => getComputedStyle(el).fontFamily)).not.toMatch(/^serif$/);
    expect(await page.locator('time').first().textContent()).toBe('5 минут назад');
    expect(await page.locator('time').first().getAttribute('title')).toMatch(/\d{4}/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows markup in comments as text and runs none of it', async () => {
    const { page } = await open(host, '/xss', snippet('data-page="article-1"'));
    const text = page.locator('.comment .text').last();
    await expect
      .poll(() => text.textContent())
      .toBe('<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>');
    expect(
      await page.locator('#comments').evaluate((el) => el.shadowRoot!.querySelectorAll('img, script').length),
    ).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('pages with "Показать ещё" and keeps working at 320 px', async () => {
    const { page } = await open(host, '/long', snippet('data-page="long"'), { width: 320, height: 700 });
    await expect.poll(() => page.locator('.comment').count()).toBe(20);
    await page.getByRole('button', { name: 'Показать ещё' }).click();
    await expect.poll(() => page.locator('.comment').count()).toBe(23);
    expect(await page.getByRole('button', { name: 'Показать ещё' }).count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('shows an empty state, other languages and the dark theme', async () => {
    const { page } = await open(
      host,
      '/empty',
      snippet('data-page="nobody-here" data-lang="kk" data-theme="dark"'),
    );
    await expect.poll(() => page.locator('.empty').textContent()).toContain('Әзірге пікір жоқ');
    expect(await page.locator('#pikir-header').textContent()).toContain('Пікірлер');
    const color = await page.locator('#pikir-header').evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = color.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeGreaterThan(600);
    await page.close();
  });

  it('gives a page of an origin the site does not allow no widget and one console error', async () => {
    const { page, errors } = await open(foreign, '/stolen', snippet('data-page="article-1"'));
    await expect.poll(() => errors.filter((e) => e.startsWith('[pikir]'))).toHaveLength(1);
    expect(errors.find((e) => e.startsWith('[pikir]'))).toContain(`Origin ${foreign.url} is not allowed`);
    // No widget and no outline: the page's own fallback inside the target, if any, shows again.
    expect(await page.locator('#comments').evaluate((el) => el.shadowRoot?.innerHTML)).toBe('<slot></slot>');
    await page.close();
  });

  it('says so in the console for an unknown site', async () => {
    const body = `<div id="comments"></div><script src="${pikir.url}/embed.js" data-site="nope" async></script>`;
    const { page, errors } = await open(host, '/unknown', body);
    await expect.poll(() => errors.find((e) => e.startsWith('[pikir]'))).toContain('No site "nope"');
    expect(await page.locator('#comments').evaluate((el) => el.shadowRoot?.innerHTML)).toBe('<slot></slot>');
    await page.close();
  });

  it('mounts and unmounts for single-page sites without leaking, even when loaded twice', async () => {
    const body = `${snippet('data-page="article-1"')}<div id="second"></div>
      <script src="${pikir.url}/embed.js" data-site="news" data-page="long" data-target="#second" async></script>`;
    const { page, errors } = await open(host, '/spa', body);
    await expect.poll(() => page.locator('#second .comment').count()).toBe(20);
    await expect.poll(() => page.locator('#comments .comment').count()).toBe(3);
    await page.evaluate(() => {
      const w = window as unknown as {
        pikir: { mount(el: string, o: object): void; unmount(el: string): void };
      };
      w.pikir.unmount('#comments');
      w.pikir.mount('#second', { site: 'news', page: 'article-1' });
    });
    expect(await page.locator('#comments').evaluate((el) => el.shadowRoot!.childNodes.length)).toBe(0);
    await expect.poll(() => page.locator('#second .comment').count()).toBe(3);
    expect(
      await page.locator('#second').evaluate((el) => el.shadowRoot!.querySelectorAll('.pikir').length),
    ).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('loads the thread and the code in parallel, nothing for signing in', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(host.page('/network', snippet('data-page="article-1"')));
    await expect.poll(() => page.locator('.comment').count()).toBe(3);
    const ours = requests.filter((u) => u.startsWith(pikir.url)).map((u) => new URL(u).pathname);
    expect(ours[0]).toBe('/embed.js');
    // The live thread's stream opens as soon as the thread is in view, maybe before this look.
    const reads = ours.filter((p) => p.startsWith('/api/') && p !== '/api/sites/news/pages/events');
    expect(reads).toEqual(['/api/sites/news/comments']);
    expect(ours.some((p) => /auth|phone/i.test(p))).toBe(false);
    // The comment form and the report dialog follow once the page is idle, ready before a click.
    await expect
      .poll(() => requests.some((u) => u.startsWith(`${pikir.url}/assets/on-click-`)), { timeout: 5000 })
      .toBe(true);
    await page.screenshot({ path: 'test/e2e/.last-embed.png' });
    await page.close();
  });

  it('fills comment counts on list pages with count.js', async () => {
    const body = `<ul><li>A <b data-pikir-count="article-1">…</b></li><li>B <b data-pikir-count="long">…</b></li>
      <li>C <b data-pikir-count="none">…</b></li></ul><script src="${pikir.url}/count.js" data-site="news" async></script>`;
    const { page } = await open(host, '/list', body);
    await expect.poll(() => page.locator('[data-pikir-count]').allTextContents()).toEqual(['3', '23', '0']);
    await page.close();
  });
});
