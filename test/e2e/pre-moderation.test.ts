/**
 * Pre-moderation in real Chromium: on a site that holds every comment, the author posts from the
 * widget and sees it marked "На проверке" while another reader, in a browser of their own, does
 * not see it and the count does not move; the admin publishes it from the panel's "На проверке"
 * queue, and then both readers see it, unmarked. A second held comment rejected in the queue
 * shows its author only "Ваш комментарий отклонён модератором." in its place.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords.ts';
import { createSession } from '../../server/auth/sessions.ts';
import { randomId } from '../../server/ids.ts';
import { insertComment } from '../../server/storage/comments.ts';
import { createSite } from '../../server/storage/sites.ts';
import { insertUser } from '../../server/storage/users.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const SITE = 'news';
const ARTICLE = 'budget-2027';
const HELD = 'Бюджет на 2027 год выглядит смелым';
const SECOND = 'Второе мнение, тоже на проверку';
const ADMIN = { email: 'editor@news.kz', password: 'Editor2026abc' };

describe.skipIf(!hasChromium)('pre-moderation in Chromium', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  let author: Page;
  let other: Page;
  let authorId: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir({ admins: [ADMIN.email] }), startHostSite()]);
    const db = pikir.storage.db;
    const now = Date.now();
    await createSite(
      db,
      { id: SITE, name: 'News', origins: [host.url], settings: { preModeration: 'all' } },
      now,
    );
    const earlier = await seedUser(db, 'Ерлан', now);
    await seedComment(db, {
      siteId: SITE,
      pageKey: ARTICLE,
      authorId: earlier,
      text: 'Первый!',
      at: now - 60_000,
    });
    authorId = await seedUser(db, 'Айгерим', now);
    const otherId = await seedUser(db, 'Болат', now);
    await insertUser(
      db,
      {
        id: randomId(),
        displayName: 'Редактор',
        email: ADMIN.email,
        passwordHash: await hashPassword(ADMIN.password),
      },
      now,
    );
    browser = await launchChromium();
    author = await newPage(await createSession(db, authorId, SITE, now));
    other = await newPage(await createSession(db, otherId, SITE, now));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  /** A browser profile of its own, signed in to the widget with `token` when given. */
  async function newPage(token?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
    contexts.push(context);
    if (token) {
      await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
        `pikir:session:${SITE}`,
        token,
      ] as const);
    }
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(String(error)));
    return page;
  }

  const articleUrl = () =>
    host.page(
      `/${ARTICLE}`,
      `<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,">
      <title>Бюджет</title></head><body><main><h1>Бюджет</h1><div id="comments"></div></main>
      <script src="${pikir.url}/embed.js" data-site="${SITE}" data-page="${ARTICLE}" async></script>
      </body></html>`,
    );

  async function openArticle(page: Page) {
    await page.goto(articleUrl());
    await page.locator('#pikir-header').waitFor();
    await page.locator('.comment').first().waitFor();
  }

  const comment = (page: Page, text: string) => page.locator('.comment').filter({ hasText: text });
  const count = (page: Page) => page.locator('.count').textContent();

  it('the author posts and sees the comment marked "На проверке"; the count stays', async () => {
    await openArticle(author);
    const composer = author.getByLabel('Ваш комментарий', { exact: true });
    await composer.fill(HELD);
    await author.getByRole('button', { name: 'Отправить', exact: true }).click();
    await comment(author, HELD).waitFor();
    expect(await comment(author, HELD).locator('.note').textContent()).toContain('На проверке');
    expect(await count(author)).toBe('1');

    // After a reload too: the server gives it to its author, still marked.
    await openArticle(author);
    await comment(author, HELD).waitFor();
    expect(await comment(author, HELD).getByText('На проверке', { exact: true }).count()).toBe(1);
  });

  it('another reader in another browser does not see it', async () => {
    await openArticle(other);
    expect(await other.locator('.comment').allTextContents()).toHaveLength(1);
    expect(await comment(other, HELD).count()).toBe(0);
    expect(await count(other)).toBe('1');
  });

  it('the admin publishes it from the "На проверке" queue; both readers then see it unmarked', async () => {
    const db = pikir.storage.db;
    const page = await db
      .selectFrom('pages')
      .selectAll()
      .where('page_key', '=', ARTICLE)
      .executeTakeFirstOrThrow();
    await insertComment(
      db,
      {
        id: randomId(),
        page: { siteId: SITE, pageKey: ARTICLE, title: page.title, url: page.url },
        parentId: null,
        authorId,
        text: SECOND,
        status: 'held',
      },
      Date.now(),
    );

    const admin = await newPage();
    await admin.goto(`${pikir.url}/admin`);
    await admin.getByLabel('Номер телефона или эл. почта', { exact: true }).fill(ADMIN.email);
    await admin.getByLabel('Пароль', { exact: true }).fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Войти', exact: true }).click();
    await admin.getByRole('heading', { name: 'Комментарии с жалобами', exact: true }).waitFor();
    await admin.getByRole('button', { name: 'На проверке', exact: true }).click();
    await admin.getByRole('heading', { name: 'Комментарии на проверке', exact: true }).waitFor();

    const first = admin.locator('ol.queue > li').filter({ hasText: HELD });
    await first.getByRole('button', { name: 'Опубликовать', exact: true }).click();
    await first.getByText('Комментарий опубликован.', { exact: true }).waitFor();
    const second = admin.locator('ol.queue > li').filter({ hasText: SECOND });
    await second.getByRole('button', { name: 'Отклонить', exact: true }).click();
    await second.getByText('Комментарий отклонён.', { exact: true }).waitFor();

    await openArticle(other);
    await comment(other, HELD).waitFor();
    expect(await comment(other, HELD).getByText('На проверке', { exact: true }).count()).toBe(0);
    expect(await comment(other, SECOND).count()).toBe(0);
    expect(await count(other)).toBe('2');

    await openArticle(author);
    await comment(author, HELD).waitFor();
    expect(await comment(author, HELD).getByText('На проверке', { exact: true }).count()).toBe(0);
    await author.getByText('Ваш комментарий отклонён модератором.', { exact: true }).waitFor();
    expect(await comment(author, SECOND).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
