/**
 * Issue 11's "Done when" for notifications, in Chromium with a real SMTP server: reader B replies
 * to reader A from another browser, A's mailbox gets the email with the reply's permalink and a
 * working one-click unsubscribe link, and A's widget shows the reply under "Уведомления".
 */
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import { notificationSettings } from '../../server/storage/notifications.ts';
import { createSite } from '../../server/storage/sites.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { mimeParts } from '../helpers/mime.ts';
import { articlePage, problemsOf, readerContext } from '../helpers/reader-page.ts';
import { seedAccount, seedComment } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

interface Mail {
  to: string;
  raw: string;
  text: string;
  html: string;
}

async function startSmtp(mails: Mail[]) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const parts = mimeParts(raw);
        const body = (type: string) => parts.find((p) => p.type === type)?.body ?? '';
        for (const to of session.envelope.rcptTo)
          mails.push({ to: to.address, raw, text: body('text/plain'), html: body('text/html') });
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

describe.skipIf(!hasChromium)('reply notifications in Chromium', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const mails: Mail[] = [];

  beforeAll(async () => {
    [smtp, host] = await Promise.all([startSmtp(mails), startHostSite()]);
    pikir = await startPikir({
      transports: { sms: { provider: 'log' }, smtp: { url: smtp.url, from: 'no-reply@news.kz' } },
    });
    await createSite(pikir.storage.db, { id: 'news', name: 'Новости', origins: [host.url] }, Date.now());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close(), smtp?.close()]);
  });

  it('emails reader A the reply B wrote, with a working unsubscribe, and lists it under "Уведомления"', async () => {
    const db = pikir.storage.db;
    const url = articlePage(host, pikir, '/news/1', 'data-page="news-1"');
    const aselId = await seedAccount(db, { contact: 'asel@mail.example.kz', name: 'Асель' });
    const botaId = await seedAccount(db, { contact: 'bota@mail.example.kz', name: 'Бота' });
    const mine = await seedComment(db, {
      siteId: 'news',
      pageKey: 'news-1',
      authorId: aselId,
      text: 'Хорошая статья',
      at: Date.now() - 60_000,
      title: 'Статья',
      url,
    });

    const contextA = await readerContext(browser, {
      token: await createSession(db, aselId, 'news', Date.now()),
    });
    const pageA = await contextA.newPage();
    const problemsA = problemsOf(pageA);
    await pageA.goto(url);
    const bell = pageA.getByRole('button', { name: /^Уведомления/ });
    await bell.waitFor();
    expect(await bell.textContent()).toBe('Уведомления');

    const contextB = await readerContext(browser, {
      token: await createSession(db, botaId, 'news', Date.now()),
    });
    const pageB = await contextB.newPage();
    await pageB.goto(url);
    await pageB.getByRole('button', { name: 'Ответить' }).click();
    const replyBox = pageB.getByRole('textbox', { name: 'Ваш комментарий' }).last();
    await replyBox.fill('Согласна <b>полностью</b>!');
    await replyBox.press('Control+Enter');
    await pageB.locator('.replies .text', { hasText: 'Согласна' }).waitFor();
    const reply = await db
      .selectFrom('comments')
      .select('id')
      .where('parent_id', '=', mine)
      .executeTakeFirstOrThrow();

    // The outbox worker sends it within its round (200 ms here; 1 s on a real server).
    await expect.poll(() => mails.length, { timeout: 10_000 }).toBe(1);
    const [mail] = mails;
    expect(mail!.to).toBe('asel@mail.example.kz');
    const permalink = `${url}#pikir-${reply.id}`;
    expect(mail!.text).toContain('Бота отвечает на ваш комментарий');
    expect(mail!.text).toContain('Согласна <b>полностью</b>!');
    expect(mail!.text).toContain(permalink);
    expect(mail!.html).toContain('Согласна &lt;b&gt;полностью&lt;/b&gt;!');
    // The headers as one line each (long ones are folded on the wire).
    const head = mail!.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const unsubscribe = /^List-Unsubscribe: <([^>]+)>\r?$/m.exec(head)?.[1]?.replace(/ /g, '');
    expect(unsubscribe).toMatch(new RegExp(`^${pikir.url}/unsubscribe\\?token=`));
    expect(mail!.text).toContain(unsubscribe!);

    // The link works: a page with a button, and the button unsubscribes.
    const pageMail = await contextB.newPage();
    await pageMail.goto(unsubscribe!);
    await pageMail.getByRole('button', { name: 'Отписаться' }).click();
    await pageMail.getByText('письма об ответах больше не придут').waitFor();
    expect((await notificationSettings(db, aselId)).emailOn).toBe(false);

    // A's widget: the count on the next view, the list on a click, read once shown.
    await pageA.reload();
    await expect.poll(() => bell.textContent()).toBe('Уведомления 1');
    await bell.click();
    const item = pageA.locator('.notifications li');
    await item.waitFor();
    expect(await item.locator('strong').textContent()).toBe('Бота отвечает на ваш комментарий');
    expect(await item.locator('.text').textContent()).toBe('Согласна <b>полностью</b>!');
    expect(await item.locator('a').getAttribute('href')).toBe(permalink);
    await expect.poll(() => bell.textContent()).toBe('Уведомления');

    // The account menu has the emails' switch, off now.
    await pageA.getByRole('button', { name: 'Мой аккаунт' }).click();
    const toggle = pageA.getByRole('checkbox', { name: 'Присылать ответы на мои комментарии на эл. почту' });
    await expect.poll(() => toggle.isChecked()).toBe(false);
    // A click, not check(): the switch shows the server's answer, so it turns on when that comes,
    // not at once (check() demands the state change right after its click).
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await expect.poll(async () => (await notificationSettings(db, aselId)).emailOn).toBe(true);
    expect(problemsA).toEqual([]);
    await Promise.all([contextA.close(), contextB.close()]);
  });
});
