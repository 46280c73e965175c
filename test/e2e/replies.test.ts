import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite } from '../../server/storage/sites.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const MINUTE = 60_000;

describe.skipIf(!hasChromium)('a long discussion under one comment, in Chromium', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir(), startHostSite()]);
    const db = pikir.storage.db;
    await createSite(db, { id: 'news', name: 'News', origins: [host.url] }, Date.now());
    const aigerim = await seedUser(db, 'Айгерим');
    const now = Date.now();
    const top = await seedComment(db, {
      siteId: 'news',
      pageKey: 'debate',
      authorId: aigerim,
      text: 'Начало спора',
      at: now - 100 * MINUTE,
    });
    for (let i = 0; i < 7; i++) {
      await seedComment(db, {
        siteId: 'news',
        pageKey: 'debate',
        authorId: aigerim,
        parentId: top,
        text: `Реплика ${i}`,
        at: now - (90 - i) * MINUTE,
      });
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  it('shows the first three replies and the rest after "Показать ещё ответы"', async () => {
    const page = await browser.newPage();
    await page.goto(
      host.page(
        '/debate',
        `<!doctype html><meta charset="utf-8"><div id="comments"></div>
        <script src="${pikir.url}/embed.js" data-site="news" data-page="debate" async></script>`,
      ),
    );
    const replies = page.locator('.replies .text');
    await expect.poll(() => replies.allTextContents()).toEqual(['Реплика 0', 'Реплика 1', 'Реплика 2']);
    await page.getByRole('button', { name: 'Показать ещё ответы' }).click();
    await expect.poll(() => replies.count()).toBe(7);
    expect(await replies.allTextContents()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Реплика ${i}`));
    expect(await page.getByRole('button', { name: 'Показать ещё ответы' }).count()).toBe(0);
    await page.close();
  });
});
