/**
 * The whole moderation story in real Chromium, against the real app, on a host page of another
 * origin: reader one registers and posts a hostile-looking comment; three other readers report
 * it (the first through the widget's dialog) and the third report hides it; the admin signs in
 * at /admin, sees it with its reasons, deletes it and bans the author for 7 days; the thread no
 * longer shows it and the author's next post is refused with the ban's end date. The comment's
 * markup runs nowhere, and axe-core finds nothing in the thread, the dialog or the queue.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords.ts';
import { createSession } from '../../server/auth/sessions.ts';
import { randomId } from '../../server/ids.ts';
import { createSite } from '../../server/storage/sites.ts';
import { insertUser } from '../../server/storage/users.ts';
import { readerDictionaries } from '../../shared/i18n/reader/dictionaries.ts';
import { datesFor } from '../../shared/time.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const SITE = 'news';
const ARTICLE = 'tenge-rate';
const HOSTILE = '<img src=x onerror=alert(1)>';
/** A second image whose handler would trip the window.__pwned canary. */
const COMMENT = `${HOSTILE} Курс опять упал, а банки молчат. <img src=y onerror="window.__pwned=1">`;
const DETAILS = 'Ссылка на мошеннический сайт в тексте';
const BAN_REASON = 'Вредоносная разметка в комментарии';
const ADMIN = { email: 'editor@news.kz', password: 'Editor2026abc' };
const DAY = 24 * 3600_000;

interface Reader {
  context: BrowserContext;
  page: Page;
  /** Dialogs that opened (an alert() that ran) and uncaught errors. */
  problems: string[];
}

describe.skipIf(!hasChromium)('the moderation story in Chromium', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  /** Reader one's browser, kept for the whole story: the author comes back after the ban. */
  let author: Reader;
  let authorId: string;
  let commentId: string;
  const tokens: Record<'three' | 'four', string> = { three: '', four: '' };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir({ admins: [ADMIN.email] }), startHostSite()]);
    const db = pikir.storage.db;
    const now = Date.now();
    await createSite(db, { id: SITE, name: 'News', origins: [host.url] }, now);
    // Someone commented before, so the count has something to fall back to.
    const earlier = await seedUser(db, 'Ерлан', now);
    await seedComment(db, {
      siteId: SITE,
      pageKey: ARTICLE,
      authorId: earlier,
      text: 'Первый!',
      at: now - 60_000,
    });
    for (const who of ['three', 'four'] as const) {
      const id = await seedUser(db, who === 'three' ? 'Болат' : 'Дана', now);
      tokens[who] = await createSession(db, id, SITE, now);
    }
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
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  /** A fresh browser profile that records dialogs (an alert() that ran); `token` signs it in. */
  async function newReader(token?: string): Promise<Reader> {
    const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
    contexts.push(context);
    if (token) {
      await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
        `pikir:session:${SITE}`,
        token,
      ] as const);
    }
    const page = await context.newPage();
    const problems = watch(page);
    return { context, page, problems };
  }

  function watch(page: Page): string[] {
    const problems: string[] = [];
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    return problems;
  }

  const articleUrl = () =>
    host.page(
      `/${ARTICLE}`,
      `<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,">
      <title>Курс тенге</title></head><body><main><h1>Курс тенге</h1><div id="comments"></div></main>
      <script src="${pikir.url}/embed.js" data-site="${SITE}" data-page="${ARTICLE}" async></script>
      </body></html>`,
    );

  /** Opens the article and waits for the thread to load. */
  async function openArticle(page: Page) {
    await page.goto(articleUrl());
    await page.locator('#pikir-header').waitFor();
    await page.locator('.comment').first().waitFor();
  }

  const pwned = (page: Page) => page.evaluate(() => (window as { __pwned?: unknown }).__pwned);
  const imagesIn = (page: Page, selector: string) =>
    page.locator(selector).evaluate((el) => (el.shadowRoot ?? el).querySelectorAll('img').length);
  const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
  const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });
  const theComment = (page: Page) => page.locator('.comment').filter({ hasText: HOSTILE });
  const count = (page: Page) => page.locator('.count').textContent();

  /** The text of the focused element, looking into shadow roots. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return element?.textContent?.trim() ?? '';
    });

  async function expectNoViolations(page: Page, include?: string) {
    const builder = new AxeBuilder({ page });
    const result = await (include ? builder.include(include) : builder).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  }

  /** The code most recently sent to `email` by the dev transport's outbox. */
  async function codeFor(email: string): Promise<string> {
    const latest = () => pikir.outbox.list().find((entry) => entry.to === email);
    await expect.poll(() => latest()?.text ?? '').toMatch(/\d{6}/);
    return /(?<!\d)(\d{6})(?!\d)/.exec(latest()!.text)![1]!;
  }

  it('reader one registers by email and posts a comment with markup, which stays text', async () => {
    author = await newReader();
    const { page } = author;
    await openArticle(page);
    expect(await count(page)).toBe('1');

    await page.getByRole('button', { name: 'Новый пользователь? Регистрация' }).click();
    await field(page, 'Ваше имя').fill('Айгерим');
    await page.getByRole('tab', { name: 'По эл. почте' }).click();
    await field(page, 'Эл. почта').fill('aigerim@mail.kz');
    await field(page, 'Пароль').fill('Tenge2026xyz');
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await heading(page, "Введите код доступа из Email'а").waitFor();
    await field(page, 'Код доступа').fill(await codeFor('aigerim@mail.kz'));
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await heading(page, 'Вы зарегистрированы').waitFor();

    const composer = page.getByLabel('Ваш комментарий', { exact: true });
    await composer.fill(COMMENT);
    await expectNoViolations(page, '#comments');
    // Ctrl+Enter sends, like the "Отправить" button.
    await composer.press('Control+Enter');
    await theComment(page).waitFor();
    await expect.poll(() => composer.inputValue()).toBe('');
    expect(await theComment(page).locator('.text').textContent()).toBe(COMMENT);
    expect(await count(page)).toBe('2');

    const row = await pikir.storage.db
      .selectFrom('comments')
      .select(['id', 'author_id', 'text', 'status'])
      .where('text', '=', COMMENT)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('published');
    [commentId, authorId] = [row.id, row.author_id];

    // The comment is on screen as text and nothing of it ran.
    expect(await imagesIn(page, '#comments')).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    expect(author.problems).toEqual([]);
  });

  it('reader two reports it with "other" and free text through the dialog and sees the thanks', async () => {
    const two = await newReader();
    const db = pikir.storage.db;
    const id = await seedUser(db, 'Асем', Date.now());
    await two.context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
      `pikir:session:${SITE}`,
      await createSession(db, id, SITE, Date.now()),
    ] as const);
    const { page } = two;
    await openArticle(page);
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    await theComment(page).getByRole('button', { name: 'Пожаловаться' }).click();

    const dialog = page.getByRole('dialog', { name: 'Выберите причину обращения' });
    await dialog.waitFor();
    const send = dialog.getByRole('button', { name: 'Отправить' });
    expect(await send.isDisabled()).toBe(true);
    await dialog.getByRole('radio', { name: 'Другое' }).check();
    await dialog.getByLabel('Опишите причину').fill(DETAILS);
    await expectNoViolations(page, '#comments');
    await send.click();

    await page.getByRole('dialog', { name: 'Спасибо за обращение!' }).waitFor();
    await page
      .getByText('Мы приняли вашу заявку, в ближайшее время рассмотрим его и примем меры.', { exact: true })
      .waitFor();
    await expectNoViolations(page, '#comments');
    await page.getByRole('button', { name: 'Закрыть' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    // Focus goes back to where the dialog was opened, not to the host page's body.
    await expect.poll(() => focused(page)).toBe('Пожаловаться');

    const complaints = await db
      .selectFrom('complaints')
      .selectAll()
      .where('comment_id', '=', commentId)
      .execute();
    expect(complaints).toMatchObject([{ reporter_id: id, reason: 'other', details: DETAILS }]);
    expect(await imagesIn(page, '#comments')).toBe(0);
    expect(two.problems).toEqual([]);
  });

  it('the third report hides it from readers; its author still sees it, marked', async () => {
    // Reader three reports through the dialog too, reader four through the HTTP API.
    const three = await newReader(tokens.three);
    await openArticle(three.page);
    const report = theComment(three.page).getByRole('button', { name: 'Пожаловаться' });
    await report.click();
    const dialog = three.page.getByRole('dialog', { name: 'Выберите причину обращения' });
    // Escape closes the dialog with focus back on its button; the keyboard opens it again.
    await dialog.getByRole('radio', { name: 'Другое' }).focus();
    await three.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focused(three.page)).toBe('Пожаловаться');
    await three.page.keyboard.press('Enter');
    await dialog.getByRole('radio', { name: 'Спам или реклама' }).check();
    await dialog.getByRole('button', { name: 'Отправить' }).click();
    await three.page.getByRole('dialog', { name: 'Спасибо за обращение!' }).waitFor();
    // Two complaints: still there for everyone.
    const anonymous = await newReader();
    await openArticle(anonymous.page);
    await theComment(anonymous.page).waitFor();

    const response = await fetch(`${pikir.url}/api/sites/${SITE}/comments/${commentId}/complaints`, {
      method: 'POST',
      headers: {
        Origin: host.url,
        Authorization: `Bearer ${tokens.four}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ reason: 'abuse' }),
    });
    expect(response.status).toBe(201);

    await anonymous.page.reload();
    await anonymous.page.locator('.comment').first().waitFor();
    expect(await anonymous.page.locator('.comment .text').allTextContents()).toEqual(['Первый!']);
    expect(await count(anonymous.page)).toBe('1');

    await author.page.reload();
    const own = theComment(author.page);
    await own.waitFor();
    expect(await own.locator('.note').textContent()).toBe('Скрыт от читателей до проверки модератором');
    expect(await own.locator('.text').textContent()).toBe(COMMENT);
    expect(await imagesIn(author.page, '#comments')).toBe(0);
    expect(await pwned(author.page)).toBeUndefined();
  });

  it('the admin signs in at /admin, sees it with every reason, deletes it and bans the author', async () => {
    const admin = await newReader();
    const { page } = admin;
    await page.goto(`${pikir.url}/admin`);
    await heading(page, 'Вход для модераторов').waitFor();
    await field(page, 'Номер телефона или эл. почта').fill(ADMIN.email);
    await field(page, 'Пароль').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await heading(page, 'Комментарии с жалобами').waitFor();
    // The session cookie is Secure, and Chromium keeps it on http://127.0.0.1.
    const cookies = await admin.context.cookies(`${pikir.url}/admin/api`);
    expect(cookies.find((c) => c.name === 'pikir_admin')).toMatchObject({ secure: true, httpOnly: true });

    const item = page.locator('ol.queue > li').filter({ hasText: HOSTILE });
    await item.waitFor();
    expect(await item.locator('.text').first().textContent()).toBe(COMMENT);
    expect(await item.locator('.complaints .reason').allTextContents()).toEqual([
      'Другое',
      'Спам или реклама',
      'Оскорбления или травля',
    ]);
    expect(await item.locator('.complaints .details').textContent()).toBe(DETAILS);
    expect(await imagesIn(page, 'body')).toBe(0);
    await expectNoViolations(page);

    await item.getByRole('button', { name: 'Заблокировать автора' }).click();
    await item.getByRole('radio', { name: '7 дней' }).check();
    await field(page, 'Причина (её увидит автор)').fill(BAN_REASON);
    await item.getByRole('radio', { name: 'Удалить' }).check();
    await item.getByRole('button', { name: 'Продолжить' }).click();
    await item.getByText('Заблокировать пользователя Айгерим на 7 дней? Комментарий будет удалён.').waitFor();
    await item.getByRole('button', { name: 'Да, заблокировать' }).click();
    await page.getByRole('status').filter({ hasText: 'Автор заблокирован.' }).waitFor();
    // The item now tells the decision: deleted, decided, the author banned until a date, why.
    expect(await item.locator('.item-head .badge').allTextContents()).toEqual([
      'Жалоб: 3',
      'Удалён',
      'Решение принято',
    ]);
    expect(await item.locator('.ban').textContent()).toMatch(
      new RegExp(`^Заблокирован до .*\\d{4}.*\\. Причина: ${BAN_REASON}$`),
    );
    expect(await item.locator('.contact').textContent()).toBe('aigerim@mail.kz');
    // The audit log has both decisions with the reason.
    await page.getByRole('button', { name: 'Журнал действий' }).click();
    await heading(page, 'Журнал действий').waitFor();
    const entries = page.locator('ol.audit > li');
    await entries.first().waitFor();
    expect(await entries.locator('dd').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Заблокировал автора/),
        expect.stringMatching(/^Удалил комментарий/),
      ]),
    );
    expect(await entries.getByText(BAN_REASON, { exact: true }).count()).toBeGreaterThan(0);

    const db = pikir.storage.db;
    const comment = await db
      .selectFrom('comments')
      .select('status')
      .where('id', '=', commentId)
      .executeTakeFirst();
    expect(comment?.status).toBe('deleted');
    const ban = await db
      .selectFrom('bans')
      .selectAll()
      .where('user_id', '=', authorId)
      .where('site_id', '=', SITE)
      .executeTakeFirstOrThrow();
    expect(ban.reason).toBe(BAN_REASON);
    expect(Math.abs(Number(ban.until) - Date.now() - 7 * DAY)).toBeLessThan(60_000);
    expect(await pwned(page)).toBeUndefined();
    expect(admin.problems).toEqual([]);
  });

  it('the thread no longer shows it, and the banned author is told until when', async () => {
    const anonymous = await newReader();
    await openArticle(anonymous.page);
    expect(await anonymous.page.locator('.comment .text').allTextContents()).toEqual(['Первый!']);
    expect(await count(anonymous.page)).toBe('1');

    const { page } = author;
    await page.reload();
    await page.locator('.comment').first().waitFor();
    expect(await theComment(page).count()).toBe(0);
    const ban = await pikir.storage.db
      .selectFrom('bans')
      .select('until')
      .where('user_id', '=', authorId)
      .executeTakeFirstOrThrow();
    // The browser and this process share the machine's time zone.
    const date = datesFor('ru', readerDictionaries.ru.time).full(Number(ban.until));
    // Instead of the composer, the banned author reads until when and why.
    const notice = page.locator('.notice.ban');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      `Вы не можете оставлять комментарии на этом сайте до ${date}. Причина: ${BAN_REASON}`,
    );
    expect(await page.getByLabel('Ваш комментарий', { exact: true }).count()).toBe(0);
    expect(await count(page)).toBe('1');
    expect(author.problems).toEqual([]);
  });
});
