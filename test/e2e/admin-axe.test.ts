/**
 * The built admin page in real Chromium, against the real app on loopback: axe-core finds no
 * violations on the sign-in screen and the queue, the page's strict CSP blocks nothing of its
 * own, and a hostile comment runs nothing.
 */
import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import { createSite } from '../../server/storage/sites.ts';
import { seedAccount, seedComment, seedComplaint, seedUser } from '../helpers/seed.ts';
import { type RunningPikir, startPikir } from '../helpers/servers.ts';

const CHROMIUM = '/usr/bin/chromium';
const SITE = 'news';
const ADMIN = { email: 'admin@example.kz', password: 'secret7' };
const HOUR = 3600_000;
const available = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!available) console.warn(`\n[admin-axe] SKIPPED: ${CHROMIUM} is missing and CI is unset.\n`);

describe.skipIf(!available)('admin page in Chromium', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let base: string;

  beforeAll(async () => {
    pikir = await startPikir();
    base = pikir.url;
    const db = pikir.storage.db;
    const now = Date.now();
    // One complaint sends a comment to review, as with the queue's usual items.
    await createSite(
      db,
      {
        id: SITE,
        name: 'Деловой портал',
        origins: ['https://news.example.kz'],
        settings: { complaintThreshold: 1 },
      },
      now,
    );
    await seedAccount(db, { contact: ADMIN.email, name: 'Айгерим Модератор', password: ADMIN.password });
    await addSiteAdmin(db, SITE, ADMIN.email, now);
    const author = await seedUser(db, 'Ерлан');
    const article = { siteId: SITE, authorId: author, at: now - 3 * HOUR };
    const hostile = await seedComment(db, {
      ...article,
      pageKey: 'article-1',
      title: 'Нацбанк сохранил базовую ставку',
      text: '<img src=x onerror=alert(1)>\nвторая строка',
    });
    await seedComplaint(db, {
      commentId: hostile,
      reporterId: await seedUser(db, 'Асем'),
      reason: 'spam',
      at: now,
    });
    await seedComplaint(db, {
      commentId: hostile,
      reporterId: await seedUser(db, 'Болат'),
      reason: 'other',
      details: 'Реклама казино',
      at: now,
    });
    const unlinked = await seedComment(db, {
      ...article,
      pageKey: 'article-2',
      title: 'Без ссылки',
      url: 'javascript:alert(2)',
      text: 'Текст комментария',
    });
    await seedComplaint(db, {
      commentId: unlinked,
      reporterId: await seedUser(db, 'Читатель 1'),
      reason: 'spam',
      at: now,
    });
    browser = await chromium.launch({ executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined });
  });

  afterAll(async () => {
    await browser?.close();
    await pikir?.close();
  });

  /** A page that fails the test on any dialog (an alert() that ran) or CSP report. */
  async function open(width: number): Promise<{ page: Page; problems: string[] }> {
    // AxeBuilder needs a page of an explicit context.
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/admin`);
    return { page, problems };
  }

  async function expectNoViolations(page: Page) {
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  }

  for (const width of [360, 1024]) {
    it(`signs in and shows the queue with no axe violations at ${width} px`, async () => {
      const { page, problems } = await open(width);
      await page.getByRole('heading', { name: 'Вход для модераторов' }).waitFor();
      await expectNoViolations(page);

      await page.getByLabel('Номер телефона или эл. почта').fill('admin@example.kz');
      await page.getByLabel('Пароль').fill('secret7');
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.getByRole('heading', { name: 'Комментарии с жалобами' }).waitFor();
      await page.getByText('Реклама казино').waitFor();
      expect(await page.locator('ol.queue img').count()).toBe(0);
      await expectNoViolations(page);

      await page.getByRole('button', { name: 'Заблокировать автора' }).first().click();
      await page.getByRole('button', { name: 'Продолжить' }).click();
      await page.getByRole('alert').filter({ hasText: 'Укажите причину блокировки.' }).waitFor();
      await expectNoViolations(page);

      // The page sets no horizontal scroll at the narrowest supported width.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(problems).toEqual([]);
      await page.getByRole('button', { name: 'Выйти' }).click();
      await page.getByRole('heading', { name: 'Вход для модераторов' }).waitFor();
      await page.context().close();
    });
  }

  it('shows the settings page, and its field errors, with no axe violations at 360 px', async () => {
    const { page, problems } = await open(360);
    await page.getByLabel('Номер телефона или эл. почта').fill('admin@example.kz');
    await page.getByLabel('Пароль').fill('secret7');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Настройки' }).click();
    const threshold = page.getByLabel('Жалоб, после которых комментарий скрывается до решения');
    await threshold.waitFor();
    await expectNoViolations(page);
    await threshold.fill('0');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Введите, пожалуйста, целое число от 1 до 100.').waitFor();
    await expectNoViolations(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the team page, a removal to confirm and a refusal, with no axe violations at 360 px', async () => {
    const { page, problems } = await open(360);
    await page.getByLabel('Номер телефона или эл. почта').fill('admin@example.kz');
    await page.getByLabel('Пароль').fill('secret7');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Команда', exact: true }).click();
    await page.getByRole('heading', { name: 'Добавить в команду' }).waitFor();
    await page.getByLabel('Телефон или эл. почта', { exact: true }).fill('moder@example.kz');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'moder@example.kz теперь в команде.' }).waitFor();
    await expectNoViolations(page);
    await page.getByRole('button', { name: 'Убрать moder@example.kz из команды' }).click();
    await page.getByRole('button', { name: 'Да, убрать' }).waitFor();
    await expectNoViolations(page);
    await page.getByLabel('Телефон или эл. почта', { exact: true }).fill('bob');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Введите правильный номер телефона или email.' })
      .waitFor();
    await expectNoViolations(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('passes axe in the dark colour scheme too', async () => {
    const { page, problems } = await open(800);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('heading', { name: 'Вход для модераторов' }).waitFor();
    await expectNoViolations(page);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
