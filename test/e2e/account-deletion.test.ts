/**
 * A reader takes their data and leaves, in real Chromium against the real app, on a host page of
 * another origin: from the account menu (a chunk loaded on the click) they download their data
 * as a JSON file, then delete the account with the code emailed to them; the widget signs out and
 * says so and signs out, and after a reload their comment shows as by "Удалённый пользователь".
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import { createSite } from '../../server/storage/sites.ts';
import type { AccountExport } from '../../shared/api.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { seedAccount, seedComment } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const SITE = 'news';
const ARTICLE = 'privacy-article';
const EMAIL = 'aigerim@mail.kz';

describe.skipIf(!hasChromium)('deleting an account in Chromium', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  let context: BrowserContext;
  let page: Page;
  let userId: string;
  const errors: string[] = [];
  const menuRequests: string[] = [];

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir(), startHostSite()]);
    const db = pikir.storage.db;
    await createSite(db, { id: SITE, name: 'News', origins: [host.url] }, Date.now());
    userId = await seedAccount(db, { contact: EMAIL, name: 'Айгерим' });
    await seedComment(db, {
      siteId: SITE,
      pageKey: ARTICLE,
      authorId: userId,
      text: 'Мой старый комментарий',
      at: Date.now() - 60_000,
    });
    const token = await createSession(db, userId, SITE, Date.now());
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 900, height: 1000 }, acceptDownloads: true });
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
      `pikir:session:${SITE}`,
      token,
    ] as const);
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('request', (request) => {
      if (/account-menu/.test(request.url())) menuRequests.push(request.url());
    });
    await page.goto(
      host.page(
        `/${ARTICLE}`,
        `<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,">
        <title>Статья</title></head><body><main><h1>Статья</h1><div id="comments"></div></main>
        <script src="${pikir.url}/embed.js" data-site="${SITE}" data-page="${ARTICLE}" async></script>
        </body></html>`,
      ),
    );
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  const button = (name: string) => page.getByRole('button', { name, exact: true });

  it('loads the menu only when it is opened, and downloads the reader’s data', async () => {
    await page.locator('.signed-in').getByText('Айгерим').waitFor();
    expect(menuRequests).toEqual([]);
    await button('Мой аккаунт').click();
    await page.getByRole('heading', { name: 'Мой аккаунт' }).waitFor();
    expect(menuRequests.length).toBeGreaterThan(0);
    const axe = await new AxeBuilder({ page }).include('#comments').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      button('Скачать мои данные').click(),
    ]);
    expect(download.suggestedFilename()).toBe('pikir-account.json');
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8')) as AccountExport;
    expect(data.account).toMatchObject({ id: userId, name: 'Айгерим', email: EMAIL });
    expect(data.comments.map((c) => c.text)).toEqual(['Мой старый комментарий']);
    await page.getByText('Файл готов: pikir-account.json.').waitFor();
  });

  it('deletes the account with the emailed code, signs out and shows the comment as by a deleted user', async () => {
    await button('Удалить аккаунт').click();
    await page.getByRole('heading', { name: 'Удалить аккаунт?' }).waitFor();
    await button('Отправить код').click();
    await page.getByText('Мы отправили код на вашу эл. почту. Введите его, чтобы удалить аккаунт.').waitFor();
    const axe = await new AxeBuilder({ page }).include('#comments').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    // The 59 seconds count down here as in the sign-up flows.
    await expect.poll(() => page.getByText(/Отправить код повторно \( \d+ секунд \)/).count()).toBe(1);
    const mail = pikir.outbox.list().find((m) => m.to === EMAIL)!;
    expect(mail.subject).toBe('Код для удаления аккаунта на News');

    await page
      .getByLabel('Код доступа')
      .fill(mail.text.match(/\b\d{6}\b/)![0] === '000000' ? '111111' : '000000');
    await button('Удалить навсегда').click();
    await page.getByRole('alert').getByText('Код неверный или устарел. Запросите новый.').waitFor();

    await page.getByLabel('Код доступа').fill(mail.text.match(/\b\d{6}\b/)![0]);
    await button('Удалить навсегда').click();
    await page.getByRole('heading', { name: 'Ваш аккаунт удалён.' }).waitFor();
    await button('Закрыть').click();
    await page.getByText('Авторизуйтесь, чтобы отправить комментарий').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('pikir:session:news'))).toBeNull();
    const row = await pikir.storage.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect([row.display_name, row.email, row.password_hash]).toEqual(['', null, null]);

    await page.reload();
    const comment = page.locator('article', { hasText: 'Мой старый комментарий' });
    await comment.waitFor();
    expect(await comment.locator('.author').textContent()).toBe('Удалённый пользователь');
    expect(errors).toEqual([]);
  });
});
