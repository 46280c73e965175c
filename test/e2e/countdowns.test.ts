/**
 * Every "wait N seconds" the widget shows counts down live and gives the button back at zero,
 * under a fake clock in the page (page.clock) and the server's fixed clock moved alike. The gap
 * between two comments says so in its own words, not "too many attempts".
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import { createSite } from '../../server/storage/sites.ts';
import { type FixedClock, fixedClock } from '../doubles/fixed-clock.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { articlePage, problemsOf, readerContext } from '../helpers/reader-page.ts';
import { seedAccount, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const PHONE = '+77015550101';

describe.skipIf(!hasChromium)('live countdowns', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  let clock: FixedClock;
  let token: string;

  beforeAll(async () => {
    clock = fixedClock(Date.now());
    [pikir, host] = await Promise.all([startPikir({ clock }), startHostSite()]);
    const db = pikir.storage.db;
    await createSite(db, { id: 'news', name: 'News', origins: [host.url] }, clock.now());
    token = await createSession(db, await seedUser(db, 'Асем'), 'news', clock.now());
    await seedAccount(db, { contact: PHONE, name: 'Болат', password: 'secret12' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  /** Both clocks, the page's and the server's, move by `ms`. */
  async function pass(page: Page, ms: number) {
    clock.advance(ms);
    await page.clock.runFor(ms);
  }

  const alertText = (page: Page) =>
    page.locator('#comments [role="alert"] [aria-hidden="true"]').textContent();

  it('counts the gap between two comments down and enables "Отправить" at zero', async () => {
    const context = await readerContext(browser, { token });
    const page = await context.newPage();
    const problems = problemsOf(page);
    await page.clock.install({ time: clock.now() });
    await page.goto(articlePage(host, pikir, '/pace', 'data-page="pace"'));
    const composer = page.getByLabel('Ваш комментарий', { exact: true });
    const send = page.getByRole('button', { name: 'Отправить', exact: true });
    await composer.fill('Первый');
    await send.click();
    await page.locator('.comment').first().waitFor();
    await pass(page, 2000);

    await composer.fill('Второй');
    await send.click();
    const alert = page.locator('#comments .composer [role="alert"]');
    await alert.waitFor();
    expect(await alert.locator('.visually-hidden').textContent()).toBe('Повторите через 8 с.');
    expect(await alertText(page)).toBe('Повторите через 8 с.');
    expect(await alert.textContent()).toMatch(/^Можно отправлять не чаще одного комментария в 10 секунд\. /);
    expect(await send.isDisabled()).toBe(true);
    await page.screenshot({ path: '/tmp/ux-shots/3-pace-after.png' });

    await pass(page, 3000);
    expect(await alertText(page)).toBe('Повторите через 5 с.');
    expect(await send.isDisabled()).toBe(true);

    await pass(page, 5000);
    await alert.waitFor({ state: 'detached' });
    expect(await send.isDisabled()).toBe(false);
    await send.click();
    await expect.poll(() => page.locator('.comment').count()).toBe(2);
    expect(problems.filter((p) => !p.includes('429'))).toEqual([]);
    await context.close();
  });

  it('counts "До следующей попытки" down and gives "Войти" back at zero', async () => {
    const context = await readerContext(browser);
    const page = await context.newPage();
    await page.clock.install({ time: clock.now() });
    await page.goto(articlePage(host, pikir, '/throttle', 'data-page="throttle"'));
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByLabel('Номер сотового телефона', { exact: true }).fill(PHONE);
    const password = page.getByLabel('Пароль', { exact: true });
    const submit = page.locator('#comments form.auth-step button[type="submit"]');
    const alert = page.locator('#comments .auth-step [role="alert"]');
    // Wrong passwords until the server asks for a pause (after five in a row).
    const paused = async () =>
      (await alert.count()) > 0 && (await alert.textContent())!.includes('До следующей');
    for (let i = 0; i < 8 && !(await paused()); i++) {
      await password.fill(`wrong${i}`);
      await submit.click();
      await expect.poll(() => submit.getAttribute('aria-busy')).toBe('false');
    }
    const first = await alertText(page);
    const seconds = Number(first?.match(/(\d+) секунд/)?.[1]);
    expect(first).toMatch(/^До следующей попытки: \d+ секунд[аы]?\.$/);
    expect(await submit.getAttribute('aria-disabled')).toBe('true');
    await page.screenshot({ path: '/tmp/ux-shots/3-sign-in-wait-after.png' });

    await pass(page, 2000);
    expect(Number((await alertText(page))?.match(/(\d+)/)?.[1])).toBe(seconds - 2);
    await pass(page, (seconds - 2) * 1000);
    await alert.waitFor({ state: 'detached' });
    expect(await submit.getAttribute('aria-disabled')).toBe('false');
    await context.close();
  });
});
