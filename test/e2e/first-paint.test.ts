/**
 * The thread is drawn without Preact; the interactive widget is fetched when the thread comes into
 * view and takes the drawn thread over at the reader's first sign of intent. A click that comes
 * before it is not lost: it is given to the same button once the widget is there.
 */
import type { Browser, Page, Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import { createSite } from '../../server/storage/sites.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { articlePage, problemsOf, readerContext } from '../helpers/reader-page.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

/** The interactive widget's own file (assets/interactive-<hash>.js). */
const interactive = (url: URL) => /\/assets\/interactive-[\w-]+\.js$/.test(url.pathname);

describe.skipIf(!hasChromium)('the first paint and the interactive widget', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  let author: string;
  let token: string;

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir(), startHostSite()]);
    const db = pikir.storage.db;
    await createSite(db, { id: 'news', name: 'News', origins: [host.url] }, Date.now());
    author = await seedUser(db, 'Айгерим');
    for (const text of ['Первый', 'Второй']) {
      await seedComment(db, { siteId: 'news', pageKey: 'paint', authorId: author, text, at: Date.now() });
    }
    const at = Date.now() - 600_000;
    for (let i = 1; i <= 8; i++) {
      await seedComment(db, {
        siteId: 'news',
        pageKey: 'long',
        authorId: author,
        text: `Комментарий ${i}`,
        at: at + i,
      });
    }
    token = await createSession(db, await seedUser(db, 'Болат'), 'news', Date.now());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  const scripts = (page: Page) => {
    const urls: string[] = [];
    page.on('request', (request: Request) => {
      if (request.resourceType() === 'script') urls.push(new URL(request.url()).pathname);
    });
    return urls;
  };

  it('draws the thread below the fold without the interactive widget, and fetches it in view', async () => {
    const context = await readerContext(browser);
    const page = await context.newPage();
    const problems = problemsOf(page);
    const loaded = scripts(page);
    // The article is long: the thread starts far below the first screen.
    const article = '<p>Текст статьи.</p>'.repeat(150);
    await page.goto(
      host.page(
        '/below',
        `<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Статья</title></head>
        <body><h1>Статья</h1>${article}<div id="comments"></div>
        <script src="${pikir.url}/embed.js" data-site="news" data-page="paint" async></script></body></html>`,
      ),
    );
    await page.locator('.comment .text').filter({ hasText: 'Второй' }).waitFor({ state: 'attached' });
    await page.waitForLoadState('networkidle');
    expect(loaded.some((path) => interactive(new URL(path, pikir.url)))).toBe(false);
    expect(loaded.some((path) => path.includes('/live-'))).toBe(false);
    await page.locator('#comments').scrollIntoViewIfNeeded();
    await expect.poll(() => loaded.some((path) => interactive(new URL(path, pikir.url)))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('gives a click that came before the interactive widget to the same button once it is there', async () => {
    const context = await readerContext(browser);
    const page = await context.newPage();
    const problems = problemsOf(page);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(interactive, async (route: Route) => {
      await held;
      await route.continue();
    });
    await page.goto(articlePage(host, pikir, '/click', 'data-page="paint"'));
    const reply = page
      .locator('.comment')
      .filter({ hasText: 'Первый' })
      .getByRole('button', { name: 'Ответить' });
    await reply.click();
    const password = page.getByLabel('Пароль', { exact: true });
    // Nothing could answer it yet (the widget's file is held back): the way in is not open.
    expect(await password.count()).toBe(0);
    release();
    // A reply asks a signed-out reader to sign in first, as the widget always has.
    await password.waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  /** The focused element of the widget: its text, and whether it is a node drawn after `mark()`. */
  const focused = (page: Page) =>
    page.locator('#comments').evaluate((el) => {
      const active = el.shadowRoot?.activeElement as (Element & { marked?: true }) | null | undefined;
      return active ? { text: active.textContent, drawnAgain: !active.marked } : null;
    });
  const mark = (page: Page) =>
    page.locator('#comments').evaluate((el) => {
      for (const node of el.shadowRoot!.querySelectorAll('button'))
        (node as Element & { marked?: true }).marked = true;
    });

  it('draws the thread again when the widget cannot be loaded, with the focus where the reader put it', async () => {
    const context = await readerContext(browser);
    const page = await context.newPage();
    const tries: (() => void)[] = [];
    // Offline for the widget's file: each try fails when the test says so.
    await page.route(interactive, (route: Route) => {
      tries.push(() => void route.abort());
    });
    await page.goto(articlePage(host, pikir, '/offline', 'data-page="paint"'));
    await page.locator('.comment .text').filter({ hasText: 'Первый' }).waitFor();
    // The prefetch of the thread in view is refused.
    await expect.poll(() => tries.length).toBe(1);
    tries[0]!();
    await mark(page);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({ text: 'Войти', drawnAgain: false });
    // Focus asks for the widget again; refused, the thread is drawn anew around the reader.
    await expect.poll(() => tries.length).toBe(2);
    tries[1]!();
    await expect.poll(() => focused(page)).toEqual({ text: 'Войти', drawnAgain: true });
    await context.close();
  });

  it('offers a signed-in reader no way in when the widget cannot be loaded', async () => {
    const context = await readerContext(browser, { token });
    const page = await context.newPage();
    let refused = 0;
    await page.route(interactive, (route: Route) => {
      refused++;
      return route.abort();
    });
    const me = page.waitForResponse((response) => response.url().includes('/auth/me'));
    await page.goto(articlePage(host, pikir, '/offline-signed-in', 'data-page="paint"'));
    expect((await me).status()).toBe(200);
    await page.locator('.comment .text').filter({ hasText: 'Первый' }).waitFor();
    await expect.poll(() => refused).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('button', { name: 'Войти' }).count()).toBe(0);
    await context.close();
  });

  it('keeps what the reader selected in a comment selected once the widget has taken it over', async () => {
    const context = await readerContext(browser);
    const page = await context.newPage();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(interactive, async (route: Route) => {
      await held;
      await route.continue();
    });
    await page.goto(articlePage(host, pikir, '/select', 'data-page="paint"'));
    const text = page.locator('.comment .text').filter({ hasText: 'Первый' });
    await text.waitFor();
    // The widget sets the text of each node it takes over: the test sees it happen to this one.
    await text.evaluate((element) => {
      const seen = new MutationObserver(() => {
        (window as { rewritten?: true }).rewritten = true;
      });
      seen.observe(element, { characterData: true, subtree: true });
    });
    const box = (await text.boundingBox())!;
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const selected = () => page.evaluate(() => String(window.getSelection()));
    expect(await selected()).toBe('Первый');
    release();
    await page.waitForFunction(() => (window as { rewritten?: true }).rewritten === true);
    expect(await selected()).toBe('Первый');
    await context.close();
  });

  it('shows a live comment’s bar in the drawn thread, where the reader keeps their place', async () => {
    const context = await readerContext(browser);
    const page = await context.newPage();
    await page.goto(
      host.page(
        '/long',
        `<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Статья</title></head>
        <body>${'<p>Текст статьи.</p>'.repeat(80)}<div id="comments"></div>${'<p>Ещё статьи.</p>'.repeat(150)}
        <script src="${pikir.url}/embed.js" data-site="news" data-page="long" async></script></body></html>`,
      ),
    );
    const reading = page.locator('.comment').filter({ hasText: 'Комментарий 4' });
    await reading.waitFor({ state: 'attached' });
    const streams = pikir.live.streams;
    // Scrolled by the wheel or the keyboard of the page: no pointer or focus on the thread.
    await reading.evaluate((element) => window.scrollBy(0, element.getBoundingClientRect().top - 10));
    await expect.poll(() => pikir.live.streams).toBe(streams + 1);
    const before = (await reading.boundingBox())!.y;
    await seedComment(pikir.storage.db, {
      siteId: 'news',
      pageKey: 'long',
      authorId: author,
      text: 'Новый',
      at: Date.now(),
    });
    await page.getByRole('button', { name: /Показать новые комментарии/ }).waitFor();
    expect(Math.abs((await reading.boundingBox())!.y - before)).toBeLessThan(2);
    await context.close();
  });
});
