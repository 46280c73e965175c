/**
 * The built admin page in real Chromium, against the fetch double of the admin API served by a
 * local Hono server: axe-core finds no violations on the sign-in screen and the queue, the
 * page's strict CSP blocks nothing of its own, and a hostile comment runs nothing.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAssets } from '../../server/assets.ts';
import { adminPageRoutes } from '../../server/routes/admin-page.ts';
import { assetRoutes } from '../../server/routes/assets.ts';
import { fakeAdminApi, moderator, NOW, queueItem } from '../doubles/admin-api.ts';

const CHROMIUM = '/usr/bin/chromium';
const dist = fileURLToPath(new URL('../../dist', import.meta.url));
const available = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!available) console.warn(`\n[admin-axe] SKIPPED: ${CHROMIUM} is missing and CI is unset.\n`);

describe.skipIf(!available)('admin page in Chromium', () => {
  let browser: Browser;
  let server: ReturnType<typeof serve>;
  let base: string;

  beforeAll(async () => {
    const api = fakeAdminApi({
      accounts: [{ channel: 'email', contact: 'admin@example.kz', password: 'secret7', me: moderator }],
      items: [
        queueItem({
          text: '<img src=x onerror=alert(1)>\nвторая строка',
          complaints: [
            { reason: 'spam', details: null, reporter: { id: 'r1', name: 'Асем' }, createdAt: NOW },
            {
              reason: 'other',
              details: 'Реклама казино',
              reporter: { id: 'r2', name: 'Болат' },
              createdAt: NOW,
            },
          ],
        }),
        queueItem({ page: { title: 'Без ссылки', url: 'javascript:alert(2)' } }),
      ],
    });
    const assets = loadAssets(dist);
    const app = new Hono()
      .route('/', assetRoutes(assets))
      .route('/', adminPageRoutes(assets))
      .all('/admin/api/*', async (c) =>
        api.fetch(c.req.url, {
          method: c.req.method,
          headers: c.req.raw.headers,
          credentials: 'same-origin',
          body: c.req.method === 'GET' ? undefined : await c.req.text(),
        }),
      );
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
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

      await page.getByRole('tab', { name: 'По эл. почте' }).click();
      await page.getByLabel('Эл. почта').fill('admin@example.kz');
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

  it('passes axe in the dark colour scheme too', async () => {
    const { page, problems } = await open(800);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('heading', { name: 'Вход для модераторов' }).waitFor();
    await expectNoViolations(page);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
