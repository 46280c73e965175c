/**
 * The account panels in Chromium: the code step says where the code went (masked) and offers the
 * way back to correct it; Esc closes every panel and puts focus back on what opened it; the
 * English texts read as an English news site's.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import { createSite } from '../../server/storage/sites.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { articlePage, readerContext } from '../helpers/reader-page.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

describe.skipIf(!hasChromium)('account panels', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  let token: string;

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir(), startHostSite()]);
    const db = pikir.storage.db;
    await createSite(db, { id: 'news', name: 'News', origins: [host.url] }, Date.now());
    const author = await seedUser(db, 'Ерлан');
    await seedComment(db, {
      siteId: 'news',
      pageKey: 'p',
      authorId: author,
      text: 'Слово',
      at: Date.now() - 60_000,
    });
    const reader = await seedUser(db, 'Асем');
    await seedComment(db, {
      siteId: 'news',
      pageKey: 'p',
      authorId: reader,
      text: 'Моё',
      at: Date.now() - 30_000,
    });
    token = await createSession(db, reader, 'news', Date.now());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  async function open(path: string, attrs = 'data-page="p"', signedIn = false) {
    const context = await readerContext(browser, signedIn ? { token } : {});
    const page = await context.newPage();
    await page.goto(articlePage(host, pikir, path, attrs));
    await page.locator('.comment').first().waitFor();
    return page;
  }

  const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
  /** The text of the focused element, looking into the shadow root. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return element?.textContent?.trim() ?? '';
    });

  async function registerUntilCode(page: Page, contact: { phone?: string; email?: string }) {
    await page.getByRole('button', { name: 'Новый пользователь? Регистрация' }).click();
    await field(page, 'Ваше имя').fill('Айгерим');
    if (contact.email) {
      await page.getByRole('tab', { name: 'По эл. почте' }).click();
      await field(page, 'Эл. почта').fill(contact.email);
    } else {
      await field(page, 'Номер сотового телефона').fill(contact.phone!);
    }
    await field(page, 'Пароль').fill('tulpar2026');
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.locator('.sent-to').waitFor();
  }

  it('shows the masked number and the way back to change it', async () => {
    const page = await open('/code-phone');
    await registerUntilCode(page, { phone: '8 701 123 45 67' });
    expect(await page.locator('.sent-to').textContent()).toBe(
      'Код отправлен на +7 701 ••• •• 67. Изменить номер',
    );
    await page.locator('.auth').screenshot({ path: '/tmp/ux-shots/6-code-step-after.png' });
    await page.getByRole('button', { name: 'Изменить номер' }).click();
    expect(await field(page, 'Номер сотового телефона').inputValue()).toBe('8 (701) 123 4567');
    await page.context().close();
  });

  it('shows the masked address for an email', async () => {
    const page = await open('/code-email');
    await registerUntilCode(page, { email: 'aigerim@example.org' });
    expect(await page.locator('.sent-to').textContent()).toBe(
      'Код отправлен на a•••@example.org. Изменить адрес',
    );
    await page.context().close();
  });

  it('closes every panel with Esc and returns focus to its opener', async () => {
    const page = await open('/esc');
    const panel = page.locator('.auth');
    const viaKeyboard = async (name: string) => {
      const opener = page.getByRole('button', { name, exact: true }).first();
      await opener.focus();
      await page.keyboard.press('Enter');
      await panel.waitFor();
      // As a reader would: Esc once the panel has the focus (its step's title takes it).
      await expect
        .poll(() =>
          page.evaluate(
            () => document.querySelector('#comments')?.shadowRoot?.activeElement?.closest('.auth') != null,
          ),
        )
        .toBe(true);
    };

    await viaKeyboard('Войти');
    await field(page, 'Пароль').focus();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('Войти');

    await viaKeyboard('Новый пользователь? Регистрация');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('Новый пользователь? Регистрация');

    // The password change, reached from the sign-in form.
    await viaKeyboard('Войти');
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByRole('heading', { name: 'Сменить пароль' }).waitFor();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('Войти');

    // The code step.
    await viaKeyboard('Новый пользователь? Регистрация');
    await page.keyboard.press('Escape');
    await registerUntilCode(page, { phone: '8 701 765 43 21' });
    await field(page, 'Код доступа').focus();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('Новый пользователь? Регистрация');

    // Opened by a comment's "Ответить" of a signed-out reader: focus goes back to that button.
    await viaKeyboard('Ответить');
    await expect.poll(() => focused(page)).toBe('Авторизуйтесь, чтобы отправить комментарий');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('Ответить');
    await page.context().close();
  });

  it('closes the delete confirmation and the report dialog with Esc too', async () => {
    const page = await open('/esc-own', 'data-page="p"', true);
    await page.getByRole('button', { name: 'Удалить' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.confirm').waitFor();
    await page.getByRole('button', { name: 'Отмена' }).focus();
    await page.keyboard.press('Escape');
    await page.locator('.confirm').waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('Удалить');

    await page.getByRole('button', { name: 'Пожаловаться' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('Пожаловаться');
    await page.context().close();
  });

  it('speaks English as an English news site does', async () => {
    const page = await open('/en', 'data-page="p" data-lang="en"');
    await page.getByRole('button', { name: 'New user? Register' }).click();
    await field(page, 'Your name').fill('Aigerim');
    await field(page, 'Mobile phone number').fill('+7 701 222 33 44');
    await field(page, 'Password').fill('tulpar2026');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.locator('.sent-to').waitFor();
    expect(await page.getByLabel('Verification code', { exact: true }).count()).toBe(1);
    expect(await page.locator('.resend-wait').textContent()).toBe('Resend the code in 59 seconds');
    expect(await page.locator('.sent-to').textContent()).toBe(
      'We sent it to +7 701 ••• •• 44. Change the number',
    );
    await page.context().close();
  });
});
