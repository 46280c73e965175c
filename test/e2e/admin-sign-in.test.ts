/**
 * The panel's sign-in in Chromium: one field that takes a phone number or an email (no tabs to
 * get wrong), the browser's console clean on the sign-in page (no 401 for "who is signed in?"),
 * and the Kazakh panel's title and brand in Kazakh.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import { createSite } from '../../server/storage/sites.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { problemsOf } from '../helpers/reader-page.ts';
import { seedAccount } from '../helpers/seed.ts';
import { type RunningPikir, startPikir } from '../helpers/servers.ts';

const EMAIL = { contact: 'editor@example.kz', password: 'secret7' };
const PHONE = { contact: '+77017654321', password: 'secret8' };

describe.skipIf(!hasChromium)('the panel sign-in', () => {
  let browser: Browser;
  let pikir: RunningPikir;

  beforeAll(async () => {
    pikir = await startPikir();
    const db = pikir.storage.db;
    const now = Date.now();
    await createSite(db, { id: 'news', name: 'Деловой портал', origins: ['https://news.example.kz'] }, now);
    await seedAccount(db, { contact: EMAIL.contact, name: 'Редактор', password: EMAIL.password });
    await seedAccount(db, { contact: PHONE.contact, name: 'Дежурный', password: PHONE.password });
    await addSiteAdmin(db, 'news', EMAIL.contact, now);
    await addSiteAdmin(db, 'news', PHONE.contact, now);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await pikir?.close();
  });

  async function open(path = '/admin'): Promise<{ page: Page; problems: string[]; statuses: number[] }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    const problems = problemsOf(page);
    const statuses: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/admin/api/')) statuses.push(response.status());
    });
    await page.goto(`${pikir.url}${path}`);
    return { page, problems, statuses };
  }

  const contactField = (page: Page) => page.getByLabel('Номер телефона или эл. почта', { exact: true });

  it('takes an email in the one field, with the keyboard and autofill for both', async () => {
    const { page, problems, statuses } = await open();
    await page.getByRole('heading', { name: 'Вход для модераторов' }).waitFor();
    await page.screenshot({ path: '/tmp/ux-shots/5-admin-sign-in-after.png' });
    expect(await page.getByRole('tab').count()).toBe(0);
    const field = contactField(page);
    expect(await field.getAttribute('type')).toBe('text');
    expect(await field.getAttribute('inputmode')).toBe('email');
    expect(await field.getAttribute('autocomplete')).toBe('username');
    await field.fill(EMAIL.contact);
    await page.getByLabel('Пароль').fill(EMAIL.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: 'Комментарии с жалобами' }).waitFor();
    // The visit asked "who is signed in?" and got "no one" without an error status.
    expect(statuses[0]).toBe(200);
    expect(problems, JSON.stringify(problems)).toEqual([]);
    await page.context().close();
  });

  it('takes a phone number in the same field', async () => {
    const { page, problems } = await open();
    await contactField(page).fill('8 701 765 43 21');
    await page.getByLabel('Пароль').fill(PHONE.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByText('Вы вошли как Дежурный').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('names the Kazakh panel in Kazakh', async () => {
    const { page, problems } = await open('/admin?lang=kk');
    await page.getByRole('heading', { name: 'Модераторларға арналған кіру' }).waitFor();
    expect(await page.title()).toBe('Pikir — пікірлерді модерациялау');
    await page.getByLabel('Телефон нөмірі немесе эл. пошта').fill(EMAIL.contact);
    await page.getByLabel('Құпиясөз').fill(EMAIL.password);
    await page.getByRole('button', { name: 'Кіру' }).click();
    await page.locator('.brand').waitFor();
    expect(await page.locator('.brand').textContent()).toBe('Pikir: модерациялау');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
