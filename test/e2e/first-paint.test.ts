/**
 * The thread is drawn without Preact; the interactive widget is fetched when the thread comes into
 * view and takes the drawn thread over at the reader's first sign of intent. A click that comes
 * before it is not lost: it is given to the same button once the widget is there.
 */
import type { Browser, Page, Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir(), startHostSite()]);
    const db = pikir.storage.db;
    await createSite(db, { id: 'news', name: 'News', origins: [host.url] }, Date.now());
    const author = await seedUser(db, 'Айгерим');
    for (const text of ['Первый', 'Второй']) {
      await seedComment(db, { siteId: 'news', pageKey: 'paint', authorId: author, text, at: Date.now() });
    }
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
});
