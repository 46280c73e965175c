import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import { createSite } from '../../server/storage/sites.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { articlePage, readerContext } from '../helpers/reader-page.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const MINUTE = 60_000;

describe.skipIf(!hasChromium)('likes, orders, pins and permalinks in Chromium', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  const tokens: Record<'alice' | 'boris' | 'editor', string> = { alice: '', boris: '', editor: '' };
  let deep = '';
  let deepReply = '';

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir(), startHostSite()]);
    const db = pikir.storage.db;
    await createSite(db, { id: 'news', name: 'News', origins: [host.url] }, Date.now());
    const now = Date.now();
    const alice = await seedUser(db, 'Алия');
    const boris = await seedUser(db, 'Борис');
    const editor = await seedUser(db, 'Редактор');
    await db.updateTable('users').set({ email: 'editor@news.kz' }).where('id', '=', editor).execute();
    await addSiteAdmin(db, 'news', 'editor@news.kz', now);
    tokens.alice = await createSession(db, alice, 'news', now);
    tokens.boris = await createSession(db, boris, 'news', now);
    tokens.editor = await createSession(db, editor, 'news', now);
    for (const key of ['likes', 'pins']) {
      await seedComment(db, {
        siteId: 'news',
        pageKey: key,
        authorId: alice,
        text: 'Старый',
        at: now - 30 * MINUTE,
      });
      await seedComment(db, {
        siteId: 'news',
        pageKey: key,
        authorId: alice,
        text: 'Средний',
        at: now - 20 * MINUTE,
      });
      await seedComment(db, {
        siteId: 'news',
        pageKey: key,
        authorId: alice,
        text: 'Новый',
        at: now - 10 * MINUTE,
      });
    }
    // 50 top-level comments: the newest-first pages are 20, 20 and 10; the linked one is on page 3.
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push(
        await seedComment(db, {
          siteId: 'news',
          pageKey: 'long',
          authorId: boris,
          text: `Номер ${i}`,
          at: now - (100 - i) * MINUTE,
        }),
      );
    }
    deep = ids[4]!;
    for (let i = 0; i < 5; i++) {
      const id = await seedComment(db, {
        siteId: 'news',
        pageKey: 'long',
        authorId: alice,
        parentId: ids[2]!,
        text: `Ответ ${i}`,
        at: now - 5 * MINUTE + i,
      });
      if (i === 4) deepReply = id;
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  const open = async (who: keyof typeof tokens | null, key: string, hash = '') => {
    const context = await readerContext(browser, who ? { token: tokens[who] } : {});
    const page = await context.newPage();
    await page.goto(articlePage(host, pikir, `/${key}`, `data-page="${key}"`) + hash);
    return page;
  };
  const texts = (page: Page) => page.locator('.comments > li > article .text').allTextContents();
  const likeOf = (page: Page, text: string) =>
    page.locator('.comments > li', { hasText: text }).getByRole('button', { name: /^Нравится/ });

  it('B likes A’s comment: the count shows to A, A cannot like it, "Лучшие" puts it first, the order is remembered', async () => {
    const boris = await open('boris', 'likes');
    await expect.poll(() => texts(boris)).toEqual(['Новый', 'Средний', 'Старый']);
    const like = likeOf(boris, 'Средний');
    await expect.poll(() => like.textContent()).toBe('Нравится 0');
    await like.click();
    await expect.poll(() => like.textContent()).toBe('Нравится 1');
    expect(await like.getAttribute('aria-pressed')).toBe('true');

    const alice = await open('alice', 'likes');
    const seen = likeOf(alice, 'Средний');
    await expect.poll(() => seen.textContent()).toBe('Нравится 1');
    // Her own comment's button is disabled once the widget knows who she is (the session is
    // restored after the anonymous first page is drawn).
    await expect.poll(() => seen.isDisabled()).toBe(true);

    const sort = boris.getByLabel('Сортировка');
    await sort.selectOption({ label: 'Лучшие' });
    await expect.poll(() => texts(boris)).toEqual(['Средний', 'Новый', 'Старый']);
    await sort.selectOption({ label: 'Сначала старые' });
    await expect.poll(() => texts(boris)).toEqual(['Старый', 'Средний', 'Новый']);
    await sort.selectOption({ label: 'Лучшие' });
    await expect.poll(() => texts(boris)).toEqual(['Средний', 'Новый', 'Старый']);
    await boris.reload();
    await expect.poll(() => texts(boris)).toEqual(['Средний', 'Новый', 'Старый']);
    expect(await boris.getByLabel('Сортировка').inputValue()).toBe('best');

    // Pressing again takes the like back.
    await likeOf(boris, 'Средний').click();
    await expect.poll(() => likeOf(boris, 'Средний').textContent()).toBe('Нравится 0');
    expect(await likeOf(boris, 'Средний').getAttribute('aria-pressed')).toBe('false');
    await boris.context().close();
    await alice.context().close();
  });

  it('a site admin pins a comment from the widget: first for everyone, marked "Закреплён"', async () => {
    const editor = await open('editor', 'pins');
    await expect.poll(() => texts(editor)).toEqual(['Новый', 'Средний', 'Старый']);
    await editor
      .locator('.comments > li', { hasText: 'Старый' })
      .getByRole('button', { name: 'Закрепить' })
      .click();
    await expect.poll(() => texts(editor)).toEqual(['Старый', 'Новый', 'Средний']);
    const reader = await open(null, 'pins');
    await expect.poll(() => texts(reader)).toEqual(['Старый', 'Новый', 'Средний']);
    expect(await reader.locator('.comments > li').first().locator('.pinned').textContent()).toBe('Закреплён');
    expect(await reader.locator('.pinned').count()).toBe(1);
    await editor.context().close();
    await reader.context().close();
  });

  it('a permalink opened on a fresh page lands on a comment from page 3, and on a reply past the first 3', async () => {
    const page = await open(null, 'long', `#pikir-${deep}`);
    const target = page.locator(`#pikir-${deep}`);
    await expect.poll(() => target.getAttribute('class')).toContain('target');
    await expect.poll(() => target.locator('.text').first().isVisible()).toBe(true);
    expect(await target.locator(':scope > article .text').textContent()).toBe('Номер 4');
    const box = await target.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(900);
    // The date is the link that got us here.
    const href = await target.locator(':scope > article .when a').getAttribute('href');
    expect(href).toBe(`${host.url}/long#pikir-${deep}`);
    // A date clicked on the page itself moves the mark there (only the hash changes).
    const first = page.locator('.comments > li').nth(1);
    await first.locator(':scope > article .when a').click();
    await expect.poll(() => first.getAttribute('class')).toContain('target');
    expect(await target.getAttribute('class')).not.toContain('target');
    // Later pages do not show it again.
    await page.getByRole('button', { name: 'Показать ещё' }).click();
    await page.getByRole('button', { name: 'Показать ещё' }).click();
    await expect.poll(() => page.locator('.comments > li').count()).toBe(50);
    await page.context().close();

    const reply = await open(null, 'long', `#pikir-${deepReply}`);
    const linked = reply.locator(`#pikir-${deepReply}`);
    await expect.poll(() => linked.getAttribute('class')).toContain('target');
    expect(await linked.locator('.text').textContent()).toBe('Ответ 4');
    await reply.context().close();
  });
});
