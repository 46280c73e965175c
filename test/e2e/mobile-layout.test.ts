/**
 * The widget at 360 px, a common phone width: the report dialog's radios keep their size when a
 * reason wraps onto two lines, "· изменено" stays beside the time, and every control of a comment
 * is a target of at least 24 × 24 px (WCAG 2.2, 2.5.8 Target Size).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import { editComment } from '../../server/storage/comments.ts';
import { createSite } from '../../server/storage/sites.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { articlePage, problemsOf, readerContext } from '../helpers/reader-page.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const MINUTE = 60_000;

interface Box {
  text: string;
  width: number;
  height: number;
  top: number;
}

/** The boxes of every element matching `selector` inside the widget's shadow root. */
function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.locator('#comments').evaluate(
    (host, css) =>
      [...host.shadowRoot!.querySelectorAll(css)].map((el) => {
        const r = el.getBoundingClientRect();
        return { text: el.textContent?.trim() ?? '', width: r.width, height: r.height, top: r.top };
      }),
    selector,
  );
}

describe.skipIf(!hasChromium)('the widget at 360 px', () => {
  let browser: Browser;
  let pikir: RunningPikir;
  let host: HostSite;
  let token: string;

  beforeAll(async () => {
    [pikir, host] = await Promise.all([startPikir(), startHostSite()]);
    const db = pikir.storage.db;
    const now = Date.now();
    await createSite(db, { id: 'news', name: 'News', origins: [host.url] }, now);
    // Names of every length from 6 to 36 characters: for some of them, at 360 px, the author and
    // the time fill the first line exactly up to where "· изменено" would start.
    const full = 'Константин Константинопольский-Алматинский';
    for (let length = 6; length <= 36; length += 2) {
      const author = await seedUser(db, full.slice(0, length).trim());
      const id = await seedComment(db, {
        siteId: 'news',
        pageKey: 'narrow',
        authorId: author,
        text: 'Нацбанк сохранил базовую ставку.',
        at: now - (100 + length) * MINUTE,
      });
      const edited = { id, siteId: 'news', pageKey: 'narrow' };
      await editComment(db, edited, 'Нацбанк сохранил базовую ставку 16,5 %.', now - (90 + length) * MINUTE);
    }
    const reader = await seedUser(db, 'Асем');
    await seedComment(db, {
      siteId: 'news',
      pageKey: 'narrow',
      authorId: reader,
      text: 'Мой',
      at: now - MINUTE,
    });
    token = await createSession(db, reader, 'news', now);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([pikir?.close(), host?.close()]);
  });

  it('keeps radios, the edited mark and the action targets whole', async () => {
    const context = await readerContext(browser, { token, viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    const problems = problemsOf(page);
    await page.goto(articlePage(host, pikir, '/narrow', 'data-page="narrow"'));
    await page.getByRole('button', { name: 'Удалить' }).waitFor();

    // "· изменено" shares the line of its time, whatever the author's name.
    const lines = await page.locator('#comments').evaluate((el) =>
      [...el.shadowRoot!.querySelectorAll('.meta:has(.edited)')].map((meta) => ({
        author: meta.querySelector('.author')!.textContent,
        time: meta.querySelector('time')!.getBoundingClientRect().top,
        edited: meta.querySelector('.edited')!.getBoundingClientRect().top,
      })),
    );
    expect(lines).toHaveLength(16);
    for (const line of lines) expect(Math.abs(line.edited - line.time), line.author!).toBeLessThan(4);

    // Every control of a comment (like, reply, edit, delete, report) is at least 24 × 24.
    const targets = await boxes(page, '.comment-actions button');
    expect(new Set(targets.map((b) => b.text))).toEqual(
      new Set(['Нравится 0', 'Ответить', 'Пожаловаться', 'Удалить', 'Изменить']),
    );
    for (const target of targets) {
      expect(target.width, target.text).toBeGreaterThanOrEqual(24);
      expect(target.height, target.text).toBeGreaterThanOrEqual(24);
    }

    await page.getByRole('button', { name: 'Пожаловаться' }).first().click();
    await page.getByRole('heading', { name: 'Выберите причину обращения' }).waitFor();
    await page.locator('.comments > li').nth(1).screenshot({ path: '/tmp/ux-shots/2-report-360-after.png' });
    const radios = await page.locator('#comments').evaluate((el) =>
      [...el.shadowRoot!.querySelectorAll('.choice')].map((choice) => {
        const r = choice.querySelector('input')!.getBoundingClientRect();
        return {
          text: choice.textContent!.trim(),
          width: r.width,
          height: r.height,
          lines: choice.getBoundingClientRect().height,
        };
      }),
    );
    expect(radios).toHaveLength(6);
    // At 360 px at least one reason wraps; its radio is the same size as the others.
    expect(radios.some((r) => r.lines > 36)).toBe(true);
    for (const radio of radios) {
      expect(radio.width, radio.text).toBe(20);
      expect(radio.height, radio.text).toBe(20);
      expect(radio.lines, radio.text).toBeGreaterThanOrEqual(24);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
