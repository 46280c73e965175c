/**
 * Hiding is reversible, in real Chromium against the real app: a site's moderator hides a
 * reported comment in the admin panel and shows it again there, then hides and shows it again
 * from the widget on the article; each time a reader who reloads the article sees it gone and
 * back.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords.ts';
import { createSession } from '../../server/auth/sessions.ts';
import { randomId } from '../../server/ids.ts';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import { getComment } from '../../server/storage/comments.ts';
import { createSite } from '../../server/storage/sites.ts';
import { insertUser } from '../../server/storage/users.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const SITE = 'news';
const ARTICLE = 'budget-2027';
const TEXT = 'Бюджет опять дефицитный, а отчёта нет.';
const MODERATOR = { email: 'moder@news.kz', password: 'Moder2026abc' };

describe.skipIf(!hasChromium)('unhiding a comment in Chromium', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  let commentId: string;
  let moderatorToken: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir(), startHostSite()]);
    const db = pikir.storage.db;
    const now = Date.now();
    await createSite(db, { id: SITE, name: 'News', origins: [host.url] }, now);
    const author = await seedUser(db, 'Ерлан', now);
    commentId = await seedComment(db, {
      siteId: SITE,
      pageKey: ARTICLE,
      authorId: author,
      text: TEXT,
      at: now - 60_000,
      title: 'Бюджет',
      url: `${host.url}/${ARTICLE}`,
    });
    const moderatorId = randomId();
    await insertUser(
      db,
      {
        id: moderatorId,
        displayName: 'Модератор',
        email: MODERATOR.email,
        passwordHash: await hashPassword(MODERATOR.password),
      },
      now,
    );
    // A moderator, not an admin: hiding and showing again are a moderator's to do.
    await addSiteAdmin(db, SITE, MODERATOR.email, now, 'moderator');
    moderatorToken = await createSession(db, moderatorId, SITE, now);
    // A reader reports it, through the readers' API, so that the panel's queue has it.
    const reporter = await seedUser(db, 'Болат', now);
    const token = await createSession(db, reporter, SITE, now);
    const report = await fetch(`${pikir.url}/api/sites/${SITE}/comments/${commentId}/complaints`, {
      method: 'POST',
      headers: { Origin: host.url, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'spam' }),
    });
    expect(report.status).toBe(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  async function newPage(token?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
    contexts.push(context);
    if (token) {
      await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
        `pikir:session:${SITE}`,
        token,
      ] as const);
    }
    return context.newPage();
  }

  const articleUrl = () =>
    host.page(
      `/${ARTICLE}`,
      `<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,">
      <title>Бюджет</title></head><body><main><h1>Бюджет</h1><div id="comments"></div></main>
      <script src="${pikir.url}/embed.js" data-site="${SITE}" data-page="${ARTICLE}" async></script>
      </body></html>`,
    );

  /** What an anonymous reader sees on a fresh load of the article: the comments' texts. */
  async function readerSees(page: Page): Promise<string[]> {
    await page.goto(articleUrl());
    await page.locator('#pikir-header').waitFor();
    await page.locator('.comment, .thread .empty').first().waitFor();
    return page.locator('.comment .text').allTextContents();
  }

  const status = async () => (await getComment(pikir.storage.db, commentId))!.status;

  it('the moderator hides it in the panel and shows it again there; readers see it go and come back', async () => {
    const reader = await newPage();
    expect(await readerSees(reader)).toEqual([TEXT]);

    const panel = await newPage();
    await panel.goto(`${pikir.url}/admin`);
    await panel.getByLabel('Номер телефона или эл. почта', { exact: true }).fill(MODERATOR.email);
    await panel.getByLabel('Пароль', { exact: true }).fill(MODERATOR.password);
    await panel.getByRole('button', { name: 'Войти', exact: true }).click();
    await panel.getByRole('heading', { name: 'Комментарии с жалобами', exact: true }).waitFor();
    // A moderator's panel: no settings, no team.
    expect(await panel.locator('.nav button').allTextContents()).toEqual([
      'Жалобы',
      'На проверке',
      'Журнал действий',
      'Блокировки',
    ]);
    const item = panel.locator('ol.queue > li').filter({ hasText: TEXT });
    await item.waitFor();
    await item.getByRole('button', { name: 'Скрыть', exact: true }).click();
    await panel.getByRole('status').filter({ hasText: 'Комментарий скрыт.' }).waitFor();
    expect(await status()).toBe('hidden');
    expect(await readerSees(reader)).toEqual([]);

    await item.getByRole('button', { name: 'Показать снова', exact: true }).click();
    await panel.getByRole('status').filter({ hasText: 'Комментарий снова виден читателям.' }).waitFor();
    expect(await status()).toBe('published');
    expect(await readerSees(reader)).toEqual([TEXT]);
  });

  it('the moderator hides it from the widget and shows it again there; readers see it go and come back', async () => {
    const reader = await newPage();
    const moderator = await newPage(moderatorToken);
    await moderator.goto(articleUrl());
    const comment = moderator.locator('.comment').filter({ hasText: TEXT });
    await comment.waitFor();
    await comment.getByRole('button', { name: 'Скрыть', exact: true }).click();
    await comment.getByRole('button', { name: 'Показать снова', exact: true }).waitFor();
    expect(await status()).toBe('hidden');
    expect(await readerSees(reader)).toEqual([]);

    await comment.getByRole('button', { name: 'Показать снова', exact: true }).click();
    await comment.getByRole('button', { name: 'Скрыть', exact: true }).waitFor();
    expect(await status()).toBe('published');
    expect(await readerSees(reader)).toEqual([TEXT]);
  });
});
