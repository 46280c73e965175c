// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { randomId } from '../../server/ids.ts';
import { insertBan } from '../../server/storage/bans.ts';
import { getComment } from '../../server/storage/comments.ts';
import { moderate } from '../../server/storage/moderation.ts';
import type { QueuePage } from '../../shared/api.ts';
import {
  alerts,
  button,
  choose,
  field,
  moderator,
  openPanel,
  type PanelServer,
  panelServer,
  reportedComment,
  SPORT,
  signedInEarlier,
  until,
} from '../helpers/admin-panel.ts';
import { seedAccount, seedComment, seedUser } from '../helpers/seed.ts';
import { SITE } from '../helpers/test-app.ts';

let unmount: () => void = () => {};
afterEach(() => unmount());

/** The server with the moderator signed in on an earlier visit; their id. */
async function withModerator() {
  const server = await panelServer();
  return { server, moderatorId: await signedInEarlier(server, moderator) };
}

/** A moderator's decision on a comment, as the action route takes it; `at` defaults to now. */
async function decide(
  server: PanelServer,
  d: { actorId: string; id: string; action: 'dismiss' | 'hide'; reason?: string; at?: number },
) {
  const comment = (await getComment(server.db, d.id))!;
  const decision = { comment, action: d.action, actorId: d.actorId, reason: d.reason ?? null };
  await moderate(server.db, decision, d.at ?? server.clock.now(), randomId);
}

async function signedIn(server: PanelServer) {
  const panel = openPanel(server);
  unmount = panel.unmount;
  await until(() => expect(panel.root.querySelector('h1')?.textContent).toBe('Комментарии с жалобами'));
  return panel.root;
}

const items = () => root().querySelectorAll('ol.queue > li');
/** The server's page of the queue. */
const PAGE = 20;
const root = () => document.getElementById('pikir-admin')!;

describe('admin queue', () => {
  it('shows the items in the server’s order with every complaint, its reason label and free text', async () => {
    const { server } = await withModerator();
    await reportedComment(server, {
      text: 'Самый обжалованный',
      complaints: [
        { reason: 'abuse', reporter: 'Асем' },
        { reason: 'hate', reporter: 'Болат' },
        { reason: 'other', details: 'Автор преследует меня в каждой теме', reporter: 'Галия' },
      ],
    });
    await reportedComment(server, { text: 'Старый, одна жалоба' });
    await reportedComment(server, { text: 'Новый, одна жалоба' });
    await signedIn(server);
    await until(() => expect(items()).toHaveLength(3));
    expect([...items()].map((li) => li.querySelector('.text')?.textContent)).toEqual([
      'Самый обжалованный',
      'Старый, одна жалоба',
      'Новый, одна жалоба',
    ]);
    const first = items()[0]!;
    expect(first.textContent).toContain('Жалоб: 3');
    expect([...first.querySelectorAll('.complaint .reason')].map((el) => el.textContent)).toEqual([
      'Оскорбления или травля',
      'Разжигание ненависти или экстремизм',
      'Другое',
    ]);
    expect(first.textContent).toContain('Автор преследует меня в каждой теме');
    expect(first.textContent).toContain('от Галия');
    const query = server.requests.find((r) => r.path === '/admin/api/queue')!;
    // A moderator of two sites starts with "Все сайты": one queue, no site in the request.
    expect(query.query.has('site')).toBe(false);
    expect(query.query.get('status')).toBe('open');
    expect(query.credentials).toBe('same-origin');
  });

  it('renders markup in a comment as text, keeping its line breaks, and creates no element from it', async () => {
    const hostile = '<img src=x onerror=alert(1)>\nвторая строка <b>жирно</b>';
    const { server } = await withModerator();
    await reportedComment(server, {
      text: hostile,
      authorId: await seedUser(server.db, '<script>alert(2)</script>'),
      complaints: [
        {
          reason: 'other',
          details: '<a href="javascript:alert(3)">ссылка</a>',
          reporter: '<svg onload=alert(4)>',
        },
      ],
    });
    await signedIn(server);
    await until(() => expect(items()).toHaveLength(1));
    const item = items()[0]!;
    expect(item.querySelector('.text')?.textContent).toBe(hostile);
    expect(item.querySelector('img, b, script, svg')).toBeNull();
    expect(item.querySelector('a[href^="javascript:"]')).toBeNull();
    expect(item.textContent).toContain('<script>alert(2)</script>');
    expect(item.textContent).toContain('<a href="javascript:alert(3)">ссылка</a>');
  });

  it('links the article only for http(s) URLs, with no opener and no referrer', async () => {
    const { server } = await withModerator();
    await reportedComment(server, {
      text: 'Первый',
      page: { key: 'a1', title: 'Нацбанк', url: 'https://news.example.kz/a/1' },
    });
    // The readers' API keeps only URLs of the site's own pages; a page row from elsewhere (an
    // import, an older version) may still hold anything.
    await reportedComment(server, {
      text: 'Второй',
      page: { key: 'a2', title: 'Опасная ссылка', url: 'javascript:alert(1)' },
    });
    await signedIn(server);
    await until(() => expect(items()).toHaveLength(2));
    const link = items()[0]!.querySelector('.facts a')!;
    expect(link.getAttribute('href')).toBe('https://news.example.kz/a/1');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.textContent).toBe('Нацбанк');
    expect(items()[1]!.querySelector('.facts a')).toBeNull();
    expect(items()[1]!.textContent).toContain('Опасная ссылка');
  });

  it('shows the author’s contact and current ban', async () => {
    const { server, moderatorId } = await withModerator();
    const author = await seedAccount(server.db, { contact: 'erlan@example.kz', name: 'Ерлан' });
    await reportedComment(server, { text: 'Реклама', authorId: author });
    const ban = { id: randomId(), siteId: SITE, userId: author, until: null, reason: 'Спам' };
    await insertBan(server.db, { ...ban, actorId: moderatorId }, server.clock.now());
    await signedIn(server);
    await until(() => expect(items()).toHaveLength(1));
    expect(items()[0]!.textContent).toContain('erlan@example.kz');
    expect(items()[0]!.textContent).toContain('Заблокирован навсегда. Причина: Спам');
  });

  it('starts with every site in one queue, filters by site and state, and pages with "show more"', async () => {
    const { server, moderatorId } = await withModerator();
    // With the other site's open one, one more than the server's page of 20.
    const author = await seedUser(server.db, 'Ерлан');
    for (let n = 1; n <= PAGE; n++) await reportedComment(server, { text: `news ${n}`, authorId: author });
    await reportedComment(server, {
      site: SPORT,
      text: 'sport open',
      page: { url: 'https://sport.example.kz/match?id=7#score' },
    });
    const closed = await reportedComment(server, { site: SPORT, text: 'sport closed' });
    await decide(server, { actorId: moderatorId, id: closed, action: 'dismiss' });
    await signedIn(server);
    expect((field(root(), 'Сайт') as HTMLSelectElement).value).toBe('');
    expect([...(field(root(), 'Сайт') as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      'Все сайты',
      'News',
      'Спорт',
    ]);
    await until(() => expect(items()).toHaveLength(PAGE));
    expect(items()[0]!.textContent).toContain('СайтNews');
    button(root(), 'Показать ещё').click();
    await until(() => expect(items()).toHaveLength(PAGE + 1));
    const pages = server.requests.filter((r) => r.path === '/admin/api/queue');
    const cursor = (pages[0]!.answer as QueuePage).nextCursor;
    expect(cursor).toBeTruthy();
    expect(pages.at(-1)!.query.get('cursor')).toBe(cursor);
    const sport = document.activeElement?.closest('li');
    expect(document.activeElement?.textContent).toBe('Комментарий: Ерлан');
    expect(sport?.querySelector('.text')?.textContent).toBe('sport open');
    expect(sport?.textContent).toContain('СайтСпорт');
    // The comment's place on its page: the page's URL with the widget's anchor.
    const link = [...sport!.querySelectorAll('a')].find(
      (a) => a.textContent === 'Открыть комментарий на странице',
    );
    const sportId = (pages.at(-1)!.answer as QueuePage).items[0]!.comment.id;
    expect(link?.getAttribute('href')).toBe(`https://sport.example.kz/match?id=7#pikir-${sportId}`);
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(() => button(root(), 'Показать ещё')).toThrow();

    await choose(field(root(), 'Сайт'), 'sport');
    await until(() =>
      expect([...items()].map((li) => li.querySelector('.text')?.textContent)).toEqual(['sport open']),
    );
    await choose(field(root(), 'Статус'), 'closed');
    await until(() =>
      expect([...items()].map((li) => li.querySelector('.text')?.textContent)).toEqual(['sport closed']),
    );
    const last = server.requests.filter((r) => r.path === '/admin/api/queue').at(-1)!;
    expect(last.query.get('site')).toBe('sport');
    expect(last.query.get('status')).toBe('closed');
    await choose(field(root(), 'Сайт'), '');
    await until(() =>
      expect([...items()].map((li) => li.querySelector('.text')?.textContent)).toEqual(['sport closed']),
    );
    expect(
      server.requests
        .filter((r) => r.path === '/admin/api/queue')
        .at(-1)!
        .query.has('site'),
    ).toBe(false);
  });

  it('loads the author’s history only when asked for', async () => {
    const { server } = await withModerator();
    const erlan = await seedUser(server.db, 'Ерлан');
    // Yesterday's comment on another article, hidden an hour ago by another moderator.
    const old = await seedComment(server.db, {
      siteId: SITE,
      pageKey: 'a2',
      title: 'Другая статья',
      url: 'https://news.example.kz/a/2',
      authorId: erlan,
      text: 'Прошлый комментарий',
      at: server.clock.now() - 86_400_000,
    });
    const actorId = await seedUser(server.db, 'Модератор Б');
    await decide(server, {
      actorId,
      id: old,
      action: 'hide',
      reason: 'Оскорбления',
      at: server.clock.now() - 3600_000,
    });
    await reportedComment(server, { text: 'Новый', authorId: erlan });
    await signedIn(server);
    await until(() => expect(items()).toHaveLength(1));
    expect(server.requests.some((r) => r.path.includes('/history'))).toBe(false);
    const toggle = button(root(), 'Показать историю автора');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await until(() => expect(root().textContent).toContain('Прошлый комментарий'));
    expect(button(root(), 'Скрыть историю автора').getAttribute('aria-expanded')).toBe('true');
    expect(root().textContent).toContain('Скрыл комментарий');
    expect(root().textContent).toContain('Модератор Б');
    const request = server.requests.find((r) => r.path === `/admin/api/users/${erlan}/history`)!;
    expect(request.query.get('site')).toBe('news');
  });

  it('explains a failed load in Russian, as an alert, and retries', async () => {
    const { server } = await withModerator();
    await reportedComment(server, { text: 'после повтора' });
    server.failNextRequestTo('/admin/api/queue');
    await signedIn(server);
    await until(() => expect(alerts(root())).toHaveLength(1));
    expect(alerts(root())[0]).toContain(
      'Не удалось загрузить жалобы. Нет связи с сервером комментариев. Проверьте подключение к интернету.',
    );
    button(root(), 'Повторить').click();
    await until(() => expect(root().textContent).toContain('после повтора'));
  });
});
