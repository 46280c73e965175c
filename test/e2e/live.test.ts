/**
 * The live thread in Chromium: reader A keeps the article open while reader B, in another
 * browser profile, posts; A's page shows it without a reload. On SQLite (one instance), and on
 * two instances sharing PostgreSQL, A on the first, B on the second.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite } from '../../server/storage/sites.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { openPostgresInstances } from '../helpers/engines.ts';
import { articlePage, problemsOf, readerContext } from '../helpers/reader-page.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl)
  console.warn('SKIPPING the live thread on two PostgreSQL instances: TEST_DATABASE_URL is not set.');

/** A page that lets the test hide and show the tab, as switching tabs does. */
async function setHidden(page: Page, hidden: boolean) {
  await page.evaluate((value) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

async function post(page: Page, text: string) {
  await page.getByLabel('Ваш комментарий', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Отправить', exact: true }).click();
  await page.locator('.comment .text', { hasText: text }).waitFor();
}

const header = (page: Page) => page.locator('#pikir-header .count').textContent();

describe.skipIf(!hasChromium)('the live thread in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('on SQLite', () => {
    let pikir: RunningPikir;
    let host: HostSite;
    let tokenB: string;
    let third: string;
    let first: string;

    beforeAll(async () => {
      [pikir, host] = await Promise.all([startPikir(), startHostSite()]);
      const db = pikir.storage.db;
      await createSite(db, { id: 'news', name: 'News', origins: [host.url] }, Date.now());
      third = await seedUser(db, 'Айгерим');
      first = await seedComment(db, {
        siteId: 'news',
        pageKey: 'live',
        authorId: third,
        text: 'Было до',
        at: Date.now() - 60_000,
      });
      tokenB = await createSession(db, await seedUser(db, 'Болат'), 'news', Date.now());
    });
    afterAll(async () => {
      await Promise.all([pikir?.close(), host?.close()]);
    });

    it('opens the stream in view, pauses it while hidden, and shows B’s comments on A’s page', async () => {
      // A far down the article: the thread is below the fold until A scrolls.
      const spacer = '<div style="height: 3000px">Текст статьи</div>';
      const contextA = await readerContext(browser);
      const pageA = await contextA.newPage();
      const problems = problemsOf(pageA);
      await pageA.goto(
        host.page(
          '/live',
          `<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head>
          <body>${spacer}<div id="comments"></div>
          <script src="${pikir.url}/embed.js" data-site="news" data-page="live" async></script></body></html>`,
        ),
      );
      await pageA.waitForFunction(() =>
        document.querySelector('#comments')?.shadowRoot?.querySelector('.comment'),
      );
      expect(pikir.live.streams).toBe(0);
      await pageA.locator('#comments').scrollIntoViewIfNeeded();
      await expect.poll(() => pikir.live.streams).toBe(1);

      const contextB = await readerContext(browser, { token: tokenB });
      const pageB = await contextB.newPage();
      await pageB.goto(articlePage(host, pikir, '/live-b', 'data-page="live"'));
      await post(pageB, 'Новое от Болата');
      // B's own page follows the thread too; from here on only A's is watched.
      await contextB.close();

      const bar = pageA.getByRole('button', { name: 'Показать новые комментарии (1)' });
      await bar.waitFor();
      await expect.poll(() => header(pageA)).toBe('2');
      expect(await pageA.locator('.comment .text').allTextContents()).toEqual(['Было до']);
      await bar.click();
      await expect
        .poll(() => pageA.locator('.comment .text').allTextContents())
        .toEqual(['Новое от Болата', 'Было до']);
      await bar.waitFor({ state: 'detached' });

      // A reply (by a third reader: B must wait 10 s between comments) appears in place, no bar.
      const db = pikir.storage.db;
      await seedComment(db, {
        siteId: 'news',
        pageKey: 'live',
        authorId: third,
        parentId: first,
        text: 'Ответ в ветке',
        at: Date.now(),
      });
      await pageA.locator('.replies .text', { hasText: 'Ответ в ветке' }).waitFor();
      await expect.poll(() => header(pageA)).toBe('3');

      // Hidden tab: the stream closes; what happens meanwhile arrives when A comes back.
      await setHidden(pageA, true);
      await expect.poll(() => pikir.live.streams).toBe(0);
      await seedComment(db, {
        siteId: 'news',
        pageKey: 'live',
        authorId: third,
        text: 'Пока вкладка скрыта',
        at: Date.now(),
      });
      await setHidden(pageA, false);
      await expect.poll(() => pikir.live.streams).toBe(1);
      await pageA.getByRole('button', { name: 'Показать новые комментарии (1)' }).waitFor();
      await expect.poll(() => header(pageA)).toBe('4');

      expect(problems).toEqual([]);
      await contextA.close();
      await expect.poll(() => pikir.live.streams).toBe(0);
    });
  });

  describe.skipIf(!pgUrl)('on two instances sharing PostgreSQL', () => {
    let storages: Storage[];
    let one: RunningPikir;
    let two: RunningPikir;
    let host: HostSite;
    let tokenB: string;

    beforeAll(async () => {
      storages = (await openPostgresInstances(2))!;
      host = await startHostSite();
      [one, two] = await Promise.all([
        startPikir({ storage: storages[0]! }),
        startPikir({ storage: storages[1]! }),
      ]);
      const db = storages[0]!.db;
      await createSite(db, { id: 'news', name: 'News', origins: [host.url] }, Date.now());
      tokenB = await createSession(db, await seedUser(db, 'Болат'), 'news', Date.now());
    });
    afterAll(async () => {
      await Promise.all([one?.close(), two?.close(), host?.close()]);
      await storages?.[0]?.close();
    });

    it('shows on A’s page (instance 1) what B posts through instance 2', async () => {
      const contextA = await readerContext(browser);
      const pageA = await contextA.newPage();
      await pageA.goto(articlePage(host, one, '/pg-a', 'data-page="pg"'));
      await pageA.getByText('Комментариев пока нет', { exact: false }).waitFor();
      await expect.poll(() => one.live.streams).toBe(1);

      const contextB = await readerContext(browser, { token: tokenB });
      const pageB = await contextB.newPage();
      await pageB.goto(articlePage(host, two, '/pg-b', 'data-page="pg"'));
      await post(pageB, 'Через второй сервер');
      await expect.poll(() => two.live.streams).toBe(1);

      await pageA.getByRole('button', { name: 'Показать новые комментарии (1)' }).click();
      await pageA.locator('.comment .text', { hasText: 'Через второй сервер' }).waitFor();
      await expect.poll(() => header(pageA)).toBe('1');
      await Promise.all([contextA.close(), contextB.close()]);
    });
  });
});
