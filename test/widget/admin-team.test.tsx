// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { eraseAccount } from '../../server/storage/account-erasure.ts';
import { listTeam } from '../../server/storage/admins.ts';
import { adminDictionaries } from '../../shared/i18n/admin/dictionaries.ts';
import { adminRu } from '../../shared/i18n/admin/ru.ts';
import type { Language } from '../../shared/i18n/index.ts';
import {
  alerts,
  button,
  choose,
  field,
  moderator,
  openPanel,
  type PanelAccount,
  type PanelServer,
  panelServer,
  reportedComment,
  signedInEarlier,
  typeInto,
  until,
} from '../helpers/admin-panel.ts';
import { seedUser } from '../helpers/seed.ts';
import { SITE } from '../helpers/test-app.ts';

let unmount: () => void = () => {};
afterEach(() => unmount());

const root = () => document.getElementById('pikir-admin')!;
const navNames = () => [...root().querySelectorAll('.nav button')].map((b) => b.textContent);

async function open(server: PanelServer, lang: Language = 'ru') {
  const panel = openPanel(server, lang);
  unmount = panel.unmount;
  await until(() =>
    expect(root().querySelector('h1')?.textContent).toBe(adminDictionaries[lang].queue.title),
  );
}

const editor: PanelAccount = {
  contact: 'chief@news.kz',
  name: 'Главред',
  password: 'secret7',
  sites: [SITE],
};

describe('the team page and what each role sees', () => {
  it('a site admin adds a moderator, changes the role, and removes them after confirming', async () => {
    const server = await panelServer();
    await signedInEarlier(server, editor);
    await open(server);
    expect(navNames()).toEqual([
      'Жалобы',
      'На проверке',
      'Журнал действий',
      'Блокировки',
      'Настройки',
      'Команда',
    ]);
    button(root(), 'Команда').click();
    await until(() => expect(root().querySelector('h1')?.textContent).toBe('Команда'));
    await until(() => expect(root().querySelectorAll('ul.team > li')).toHaveLength(1));
    expect(root().querySelector('ul.team')?.textContent).toContain('chief@news.kz');
    expect(root().querySelector('ul.team')?.textContent).toContain('Главред');

    await typeInto(field(root(), 'Телефон или эл. почта'), '8 701 555 44 33');
    await choose(field(root(), 'Роль'), 'moderator');
    button(root(), 'Добавить').click();
    await until(() =>
      expect(root().querySelector('[role="status"]')?.textContent).toBe('+77015554433 теперь в команде.'),
    );
    expect((await listTeam(server.db, SITE)).map((m) => [m.contact, m.role])).toEqual([
      ['+77015554433', 'moderator'],
      ['chief@news.kz', 'admin'],
    ]);
    const row = () =>
      [...root().querySelectorAll('ul.team > li')].find((li) => li.textContent?.includes('+77015554433'))!;
    expect(row().textContent).toContain('ещё не зарегистрирован(а)');

    server.clock.advance(1000);
    await choose(field(root(), 'Роль +77015554433'), 'admin');
    await until(() =>
      expect(root().querySelector('[role="status"]')?.textContent).toBe('Роль +77015554433: Администратор.'),
    );
    expect((await listTeam(server.db, SITE)).find((m) => m.contact === '+77015554433')?.role).toBe('admin');

    server.clock.advance(1000);
    button(row(), 'Убрать').click();
    await until(() =>
      expect(row().textContent).toContain(
        'Убрать +77015554433 из команды? Доступ к этому сайту пропадёт сразу.',
      ),
    );
    button(row(), 'Да, убрать').click();
    await until(() =>
      expect(root().querySelector('[role="status"]')?.textContent).toBe('+77015554433 больше не в команде.'),
    );
    expect(root().querySelectorAll('ul.team > li')).toHaveLength(1);

    // The last admin stays: the server's refusal, in Russian.
    await choose(field(root(), 'Роль chief@news.kz'), 'moderator');
    await until(() =>
      expect(alerts(root())).toEqual([
        'У сайта должен остаться хотя бы один администратор: сначала назначьте администратором другого.',
      ]),
    );
    expect((await listTeam(server.db, SITE)).map((m) => m.role)).toEqual(['admin']);
    // The empty contact is caught before any request.
    button(root(), 'Добавить').click();
    await until(() => expect(root().textContent).toContain('Введите номер телефона или адрес эл. почты.'));

    // Each change is in the log, with the roles in the panel's words.
    button(root(), 'Журнал действий').click();
    await until(() => expect(root().querySelectorAll('ol.audit > li')).toHaveLength(3));
    expect(
      [...root().querySelectorAll('ol.audit > li')].map((li) => li.querySelectorAll('dd')[2]?.textContent),
    ).toEqual([
      'Изменил команду (+77015554433: Администратор → не в команде)',
      'Изменил команду (+77015554433: Модератор → Администратор)',
      'Изменил команду (+77015554433: не в команде → Модератор)',
    ]);
  });

  it('a moderator sees neither settings nor the team', async () => {
    const server = await panelServer();
    await signedInEarlier(server, { ...moderator, role: 'moderator' });
    await open(server);
    expect(navNames()).toEqual(['Жалобы', 'На проверке', 'Журнал действий', 'Блокировки']);
  });

  it('shows an erased author as "Удалённый пользователь", in each language', async () => {
    const server = await panelServer();
    const author = await seedUser(server.db, 'Ерлан');
    await reportedComment(server, { text: 'Текст стёртого автора', authorId: author });
    await eraseAccount(server.db, author, server.clock.now());
    await signedInEarlier(server, editor);
    for (const lang of ['ru', 'kk', 'en'] as const) {
      await open(server, lang);
      await until(() => expect(root().querySelectorAll('ol.queue > li')).toHaveLength(1));
      const item = root().querySelector('ol.queue > li')!;
      const deleted = adminDictionaries[lang].deletedUser;
      expect(item.querySelector('h2')?.textContent).toContain(deleted);
      expect(item.textContent).not.toContain('Ерлан');
      unmount();
    }
    expect(adminRu.deletedUser).toBe('Удалённый пользователь');
  });

  it('shows an audit entry with the comment’s text and a link to it on its page', async () => {
    const server = await panelServer();
    const id = await reportedComment(server, {
      text: 'Комментарий, который скрыли',
      page: { url: 'https://news.example.kz/articles/9#top' },
    });
    await signedInEarlier(server, editor);
    await open(server);
    await until(() => expect(root().querySelectorAll('ol.queue > li')).toHaveLength(1));
    button(root(), 'Скрыть').click();
    await until(() => expect(root().textContent).toContain('Комментарий скрыт.'));
    button(root(), 'Журнал действий').click();
    await until(() => expect(root().querySelectorAll('ol.audit > li')).toHaveLength(1));
    const entry = root().querySelector('ol.audit > li')!;
    expect(entry.querySelector('q')?.textContent).toBe('Комментарий, который скрыли');
    const link = entry.querySelector('a');
    expect(link?.textContent).toBe('Открыть комментарий на странице');
    expect(link?.getAttribute('href')).toBe(`https://news.example.kz/articles/9#pikir-${id}`);
  });
});

/**
 * Words Kazakh shares with Russian, in the panel's texts: the same in both by right, not left
 * untranslated. Any other Kazakh text equal to the Russian one fails.
 */
const SAME_IN_KK = new Set([
  'Сайт',
  'Модератор',
  'Команда',
  'Материал',
  'Вебхук',
  '{contact}: {from} → {to}',
]);

/** Each text node of the panel and each label for assistive technology, trimmed. */
function textPieces(): string[] {
  const walker = document.createTreeWalker(root(), NodeFilter.SHOW_TEXT);
  const found: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) found.push(node.nodeValue?.trim() ?? '');
  for (const el of root().querySelectorAll('[aria-label]')) found.push(el.getAttribute('aria-label')!.trim());
  return found.filter(Boolean);
}

function texts(value: object): string[] {
  return Object.values(value).flatMap((inner) => (typeof inner === 'string' ? [inner] : texts(inner)));
}

describe('the panel in Kazakh and English', () => {
  it('translates every text: English has no Cyrillic, Kazakh repeats Russian only where the word is the same', () => {
    const ru = texts(adminDictionaries.ru);
    const kk = texts(adminDictionaries.kk);
    expect(kk).toHaveLength(ru.length);
    const untranslated = kk.filter((text, i) => text === ru[i] && !SAME_IN_KK.has(text));
    expect(untranslated).toEqual([]);
    expect(texts(adminDictionaries.en).filter((text) => /[\u0400-\u04FF]/.test(text))).toEqual([]);
  });

  it('renders every screen in English without a Cyrillic letter and in Kazakh without a Russian text', async () => {
    const server = await panelServer();
    await reportedComment(server, {
      text: 'Spam spam',
      page: { title: 'Rates held' },
      complaints: [{ reason: 'spam', reporter: 'Asem' }],
    });
    const latin: PanelAccount = {
      contact: 'chief@news.kz',
      name: 'Chief',
      password: 'secret7',
      sites: [SITE],
    };
    // The author's name is data: Latin, so that only the panel's own words could be Cyrillic.
    await server.db
      .updateTable('users')
      .set({ display_name: 'Erlan' })
      .where('display_name', '=', 'Ерлан')
      .execute();
    await signedInEarlier(server, latin);
    const russianOnly = texts(adminDictionaries.ru).filter((t) => !SAME_IN_KK.has(t) && t.length > 3);
    for (const lang of ['en', 'kk'] as const) {
      await open(server, lang);
      await until(() => expect(root().querySelectorAll('ol.queue > li')).toHaveLength(1));
      const seen: string[] = [root().textContent ?? ''];
      const pieces = new Set<string>(textPieces());
      for (const view of ['audit', 'bans', 'settings', 'team'] as const) {
        button(root(), adminDictionaries[lang].nav[view]).click();
        await until(() => expect(root().querySelector('[role="status"].page-status')).toBeNull());
        await until(() =>
          expect(root().querySelector('h1')?.textContent).toBe(adminDictionaries[lang][view].title),
        );
        seen.push(root().textContent ?? '');
        for (const piece of textPieces()) pieces.add(piece);
      }
      const all = seen.join('\n');
      if (lang === 'en') expect(all.match(/[\u0400-\u04FF]+/g)).toBeNull();
      else expect(russianOnly.filter((t) => pieces.has(t))).toEqual([]);
      expect(document.documentElement.lang).toBe(lang);
      unmount();
    }
  });
});
