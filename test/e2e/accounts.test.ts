/**
 * Accounts in real Chromium, on a host page of another origin, against the real app with real
 * transports: email over SMTP to an smtp-server started here, SMS to a local HTTP webhook. The
 * codes are read from what those servers received, the way a reader reads them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords.ts';
import { randomId } from '../../server/ids.ts';
import { addHit } from '../../server/storage/rate-counters.ts';
import { createSite } from '../../server/storage/sites.ts';
import { insertUser } from '../../server/storage/users.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { mimeParts } from '../helpers/mime.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const PASSWORD = 'Tenge2026xyz';
const NEW_PASSWORD = 'Almaty2026abc';

/** Codes received by each address (email or E.164 phone), oldest first. */
type Inbox = Map<string, string[]>;

function remember(inbox: Inbox, to: string, text: string) {
  const code = /(?<!\d)(\d{6})(?!\d)/.exec(text)?.[1];
  if (!code) throw new Error(`no 6-digit code in ${JSON.stringify(text)}`);
  inbox.set(to, [...(inbox.get(to) ?? []), code]);
}

/** A real SMTP server; each message's plain-text part holds the code. */
async function startSmtp(inbox: Inbox) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => {
        data += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const text = mimeParts(data).find((p) => p.type === 'text/plain')?.body ?? '';
        for (const to of session.envelope.rcptTo) remember(inbox, to.address, text);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A real HTTP server as the SMS gateway: POST {"to", "text"}. */
async function startSmsWebhook(inbox: Inbox) {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const { to, text } = JSON.parse(body) as { to: string; text: string };
      remember(inbox, to, text);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.skipIf(!hasChromium)('accounts in Chromium', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sms: Awaited<ReturnType<typeof startSmsWebhook>>;
  const inbox: Inbox = new Map();
  /** The server's clock runs `ahead` ms in front of the real one, so a test can pass its 59 s. */
  let ahead = 0;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [smtp, sms, host] = await Promise.all([startSmtp(inbox), startSmsWebhook(inbox), startHostSite()]);
    pikir = await startPikir({
      transports: {
        sms: { provider: 'webhook', url: sms.url },
        smtp: { url: smtp.url, from: 'no-reply@news.kz' },
      },
      clock: { now: () => Date.now() + ahead },
    });
    await createSite(pikir.storage.db, { id: 'news', name: 'News', origins: [host.url] }, Date.now());
    browser = await launchChromium();
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close(), smtp?.close(), sms?.close()]);
  });

  /** A fresh browser profile (empty localStorage) on an article of the host site. */
  async function open(path: string, beforeLoad?: (page: Page) => Promise<void>) {
    context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await beforeLoad?.(page);
    const url = host.page(
      path,
      `<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,">
      <title>Статья</title></head><body><main><h1>Статья</h1><div id="comments"></div></main>
      <script src="${pikir.url}/embed.js" data-site="news" data-page="${path.slice(1)}" async></script>
      </body></html>`,
    );
    await page.goto(url);
    await page.getByText('Авторизуйтесь, чтобы отправить комментарий').waitFor();
    return { page, errors };
  }

  /** The code most recently sent to `to`, once there are `count` of them. */
  async function codeFor(to: string, count = 1): Promise<string> {
    await expect.poll(() => inbox.get(to)?.length ?? 0, { timeout: 10_000 }).toBe(count);
    return inbox.get(to)!.at(-1)!;
  }

  const user = (column: 'email' | 'phone', value: string) =>
    pikir.storage.db.selectFrom('users').selectAll().where(column, '=', value).executeTakeFirst();

  const sessionsOf = async (userId: string) =>
    (await pikir.storage.db.selectFrom('sessions').select('user_id').where('user_id', '=', userId).execute())
      .length;

  const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
  const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

  async function fillRegistration(
    page: Page,
    reader: { name: string; password: string; email?: string; phone?: string },
    beforeSubmit?: () => Promise<void>,
  ) {
    await page.getByRole('button', { name: 'Новый пользователь? Регистрация' }).click();
    await heading(page, 'Вам необходимо пройти регистрацию, чтобы отправить комментарий').waitFor();
    await field(page, 'Ваше имя').fill(reader.name);
    if (reader.email) {
      await page.getByRole('tab', { name: 'По эл. почте' }).click();
      await field(page, 'Эл. почта').fill(reader.email);
    } else {
      await field(page, 'Номер сотового телефона').fill(reader.phone!);
    }
    await field(page, 'Пароль').fill(reader.password);
    await beforeSubmit?.();
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  }

  async function signIn(page: Page, phone: string, password: string) {
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await field(page, 'Номер сотового телефона').fill(phone);
    await field(page, 'Пароль').fill(password);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
  }

  async function expectNoViolations(page: Page) {
    const result = await new AxeBuilder({ page }).include('#comments').analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  }

  /** The element that has focus, looking into shadow roots. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      const input = element as HTMLInputElement | null;
      return {
        tag: input?.tagName.toLowerCase(),
        text: input?.textContent?.trim() ?? '',
        label: input?.labels?.[0]?.textContent ?? '',
        role: input?.getAttribute('role') ?? '',
      };
    });

  it('registers by email with the code from the SMTP server, stays signed in on reload, signs out', async () => {
    const { page, errors } = await open('/email');
    await fillRegistration(page, { name: 'Айгерим', email: 'aigerim@mail.kz', password: PASSWORD });

    await heading(page, "Введите код доступа из Email'а").waitFor();
    const codeInput = field(page, 'Код доступа');
    expect(await codeInput.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await codeInput.getAttribute('inputmode')).toBe('numeric');
    await codeInput.fill(await codeFor('aigerim@mail.kz'));
    await page.getByRole('button', { name: 'Подтвердить' }).click();

    await heading(page, 'Вы зарегистрированы').waitFor();
    await page.getByText('Теперь вы можете оставлять комментарии к материалам портала').waitFor();
    expect(await page.locator('.signed-in .reader').textContent()).toBe('Вы вошли как Айгерим');
    const row = await user('email', 'aigerim@mail.kz');
    expect(row).toMatchObject({ display_name: 'Айгерим', phone: null });
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(await sessionsOf(row!.id)).toBe(1);

    await page.reload();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    expect(await page.locator('.signed-in .reader').textContent()).toBe('Вы вошли как Айгерим');
    expect(await page.getByText('Авторизуйтесь, чтобы отправить комментарий').count()).toBe(0);

    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByText('Авторизуйтесь, чтобы отправить комментарий').waitFor();
    expect(await sessionsOf(row!.id)).toBe(0);
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pikir:'))),
    ).toEqual([]);
    await page.reload();
    await page.getByRole('button', { name: 'Войти', exact: true }).waitFor();
    expect(await page.locator('.signed-in').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('registers by phone with the code from the SMS webhook', async () => {
    const { page, errors } = await open('/phone');
    await fillRegistration(page, { name: 'Ерлан', phone: '+7 701 234 56 78', password: PASSWORD });
    await heading(page, 'Введите код доступа из SMS-сообщения').waitFor();
    expect(await field(page, 'Код доступа').getAttribute('autocomplete')).toBe('one-time-code');
    await field(page, 'Код доступа').fill(await codeFor('+77012345678'));
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await heading(page, 'Вы зарегистрированы').waitFor();
    expect(await page.locator('.signed-in .reader').textContent()).toBe('Вы вошли как Ерлан');
    expect(await user('phone', '+77012345678')).toMatchObject({ display_name: 'Ерлан', email: null });
    expect(errors).toEqual([]);
  });

  it('registers a reader whose country runs hot: the browser solves the challenge, the reader just waits', async () => {
    // Thirty SMS sign-ups to Kazakhstan in the last minutes: sends there ask for proof of work.
    const hot = { key: 'send:country:KZ:phone:register|10m', windowMs: 10 * 60_000, sharded: true };
    for (let i = 0; i < 30; i++) await addHit(pikir.storage.db, hot, Date.now() + ahead);
    const { page, errors } = await open('/hot');
    const answers: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/auth/register')) answers.push(response.status());
    });
    await fillRegistration(page, { name: 'Динара', phone: '+7 747 900 12 34', password: PASSWORD });
    await heading(page, 'Введите код доступа из SMS-сообщения').waitFor({ timeout: 30_000 });
    expect(answers).toEqual([428, 202]);
    await field(page, 'Код доступа').fill(await codeFor('+77479001234'));
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await heading(page, 'Вы зарегистрированы').waitFor();
    expect(await user('phone', '+77479001234')).toMatchObject({ display_name: 'Динара' });
    expect(errors).toEqual([]);
  });

  it('signs in with the password, changes it by code and signs in with the new one', async () => {
    const id = randomId();
    const phone = '+77051112233';
    const db = pikir.storage.db;
    await insertUser(
      db,
      { id, displayName: 'Асем', phone, passwordHash: await hashPassword(PASSWORD) },
      Date.now(),
    );
    const { page, errors } = await open('/reset');

    await signIn(page, '+7 705 111 22 33', PASSWORD);
    await heading(page, 'Спасибо, что авторизовались').waitFor();
    await page.getByText('Теперь вы можете оставлять комментарии.').waitFor();
    expect(await page.locator('.signed-in .reader').textContent()).toBe('Вы вошли как Асем');
    expect(await sessionsOf(id)).toBe(1);
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByText('Авторизуйтесь, чтобы отправить комментарий').waitFor();
    expect(await sessionsOf(id)).toBe(0);

    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await heading(page, 'Сменить пароль').waitFor();
    await field(page, 'Номер сотового телефона').fill('+7 705 111 22 33');
    await page.getByRole('button', { name: 'Получить код' }).click();
    await heading(page, 'Введите код доступа из SMS-сообщения').waitFor();
    await field(page, 'Код доступа').fill(await codeFor(phone));
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await heading(page, 'Придумайте новый пароль').waitFor();
    expect(await field(page, 'Новый пароль').getAttribute('autocomplete')).toBe('new-password');
    await field(page, 'Новый пароль').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();
    await heading(page, 'Пароль успешно изменен').waitFor();
    await page.getByText('Теперь вы можете авторизоваться').waitFor();

    // "Войти" of the done step leads to the sign-in form; the old password no longer works.
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await field(page, 'Номер сотового телефона').fill('+7 705 111 22 33');
    await field(page, 'Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Неверный номер телефона, email или пароль.' }).waitFor();
    await field(page, 'Пароль').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await heading(page, 'Спасибо, что авторизовались').waitFor();
    expect(await page.locator('.signed-in .reader').textContent()).toBe('Вы вошли как Асем');
    expect(await sessionsOf(id)).toBe(1);
    expect(errors).toEqual([]);
  });

  it('counts the 59 seconds down on the browser clock, then sends a new code', async () => {
    const { page, errors } = await open('/timer', (p) => p.clock.install());
    // From the code request on, the browser's time moves only when the test says so.
    const pause = async () => page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
    await fillRegistration(page, { name: 'Болат', email: 'bolat@mail.kz', password: PASSWORD }, pause);
    const wait = page.locator('.resend-wait');
    const resend = page.getByRole('button', { name: 'Отправить код повторно' });
    await wait.waitFor();
    const first = await codeFor('bolat@mail.kz');
    expect(await wait.textContent()).toBe('Отправить код повторно ( 59 секунд )');
    await page.clock.runFor(1000);
    expect(await wait.textContent()).toBe('Отправить код повторно ( 58 секунд )');
    await page.clock.runFor(56_000);
    expect(await wait.textContent()).toBe('Отправить код повторно ( 2 секунды )');
    await page.clock.runFor(1000);
    expect(await wait.textContent()).toBe('Отправить код повторно ( 1 секунда )');
    expect(await resend.count()).toBe(0);
    await page.clock.runFor(1000);
    await resend.waitFor();
    expect(await resend.isEnabled()).toBe(true);
    expect(await wait.count()).toBe(0);

    // The server counts its own 59 seconds in real time: move its clock past them too.
    ahead += 59_000;
    await page.clock.resume();
    await resend.click();
    await page.getByText('Отправить код повторно ( 59 секунд )').waitFor();
    const second = await codeFor('bolat@mail.kz', 2);
    expect(await resend.count()).toBe(0);

    // The resend replaced the first code.
    const codeInput = field(page, 'Код доступа');
    if (first !== second) {
      await codeInput.fill(first);
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'Код неверный или устарел. Запросите новый.' })
        .waitFor();
    }
    await codeInput.fill(second);
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await heading(page, 'Вы зарегистрированы').waitFor();
    expect(await user('email', 'bolat@mail.kz')).toMatchObject({ display_name: 'Болат' });
    expect(errors).toEqual([]);
  });

  it('refuses a password from the common list with the Russian message', async () => {
    const { page } = await open('/weak');
    await fillRegistration(page, { name: 'Дана', email: 'dana@mail.kz', password: 'qwerty123' });
    const alert = page
      .getByRole('alert')
      .filter({ hasText: 'Этот пароль слишком легко угадать. Выберите другой.' });
    await alert.waitFor();
    const password = field(page, 'Пароль');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-describedby')).toContain(await alert.getAttribute('id'));
    // It meets the customer's rule; only the server's list refuses it.
    expect(await page.locator('.rule').getAttribute('data-state')).toBe('ok');
    await heading(page, 'Вам необходимо пройти регистрацию, чтобы отправить комментарий').waitFor();
    expect(await user('email', 'dana@mail.kz')).toBeUndefined();
    expect(inbox.has('dana@mail.kz')).toBe(false);
  });

  it('registers, signs out and signs in again with the keyboard alone', async () => {
    const { page, errors } = await open('/keyboard');
    const press = (key: string) => page.keyboard.press(key);
    for (let i = 0; i < 10 && (await focused(page)).text !== 'Новый пользователь? Регистрация'; i++) {
      await press('Tab');
    }
    await expect.poll(async () => (await focused(page)).text).toBe('Новый пользователь? Регистрация');
    await press('Enter');
    // Focus moves to the new step's title, then Tab walks the form in order.
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h3' });
    await press('Tab');
    await expect.poll(() => focused(page)).toMatchObject({ label: 'Ваше имя' });
    await page.keyboard.type('Нурлан');
    await press('Tab');
    await expect.poll(() => focused(page)).toMatchObject({ role: 'tab', text: 'По телефону' });
    await press('ArrowRight');
    await expect.poll(() => focused(page)).toMatchObject({ role: 'tab', text: 'По эл. почте' });
    await press('Tab');
    await expect.poll(() => focused(page)).toMatchObject({ label: 'Эл. почта' });
    await page.keyboard.type('nurlan@mail.kz');
    await press('Tab');
    await expect.poll(() => focused(page)).toMatchObject({ label: 'Пароль' });
    await page.keyboard.type(PASSWORD);
    await press('Enter');

    await heading(page, "Введите код доступа из Email'а").waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ text: "Введите код доступа из Email'а" });
    await press('Tab');
    await expect.poll(() => focused(page)).toMatchObject({ label: 'Код доступа' });
    await page.keyboard.type(await codeFor('nurlan@mail.kz'));
    await press('Enter');
    await heading(page, 'Вы зарегистрированы').waitFor();

    for (let i = 0; i < 10 && (await focused(page)).text !== 'Выйти'; i++) await press('Shift+Tab');
    await expect.poll(async () => (await focused(page)).text).toBe('Выйти');
    await press('Enter');
    await page.getByText('Авторизуйтесь, чтобы отправить комментарий').waitFor();
    // Focus stays in the widget, on the first way back in.
    await expect.poll(() => focused(page)).toMatchObject({ text: 'Войти' });
    await press('Enter');
    await expect
      .poll(() => focused(page))
      .toMatchObject({ tag: 'h3', text: 'Авторизуйтесь, чтобы отправить комментарий' });
    await press('Tab');
    await expect.poll(() => focused(page)).toMatchObject({ role: 'tab', text: 'По телефону' });
    await press('End');
    await expect.poll(() => focused(page)).toMatchObject({ role: 'tab', text: 'По эл. почте' });
    await press('Tab');
    await expect.poll(() => focused(page)).toMatchObject({ label: 'Эл. почта' });
    await page.keyboard.type('nurlan@mail.kz');
    await press('Tab');
    await expect.poll(() => focused(page)).toMatchObject({ label: 'Пароль' });
    await page.keyboard.type(PASSWORD);
    await press('Enter');
    await heading(page, 'Спасибо, что авторизовались').waitFor();
    expect(await page.locator('.signed-in .reader').textContent()).toBe('Вы вошли как Нурлан');
    expect(errors).toEqual([]);
  });

  it('has no axe violations on the sign-in form, the registration form and the code step', async () => {
    const { page } = await open('/axe');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await field(page, 'Пароль').waitFor();
    await expectNoViolations(page);

    await page.getByRole('button', { name: 'Новый пользователь? Регистрация' }).click();
    await field(page, 'Ваше имя').waitFor();
    await expectNoViolations(page);
    // With an error shown and the email tab chosen.
    await page.getByRole('tab', { name: 'По эл. почте' }).click();
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.getByRole('alert').waitFor();
    await expectNoViolations(page);

    await field(page, 'Ваше имя').fill('Жанар');
    await field(page, 'Эл. почта').fill('zhanar@mail.kz');
    await field(page, 'Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await heading(page, "Введите код доступа из Email'а").waitFor();
    await expectNoViolations(page);

    // The clean result is not for want of looking: axe does see into the widget's shadow root.
    await page.locator('.auth-step').evaluate((form) => form.append(document.createElement('input')));
    const result = await new AxeBuilder({ page }).include('#comments').withRules(['label']).analyze();
    expect(result.violations.map((v) => v.id)).toEqual(['label']);
  });
});
