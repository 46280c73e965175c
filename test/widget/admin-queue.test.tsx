// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fakeAdminApi, moderator, NOW, queueItem } from '../doubles/admin-api.ts';
import { alerts, button, choose, field, openPanel, until } from '../helpers/admin-panel.ts';

let unmount: () => void = () => {};
afterEach(() => unmount());

async function signedIn(api: ReturnType<typeof fakeAdminApi>) {
  const panel = openPanel(api);
  unmount = panel.unmount;
  await until(() => expect(panel.root.querySelector('h1')?.textContent).toBe('Комментарии с жалобами'));
  return panel.root;
}

const items = () => root().querySelectorAll('ol.queue > li');
const root = () => document.getElementById('pikir-admin')!;

describe('admin queue', () => {
  it('shows the items in the server’s order with every complaint, its reason label and free text', async () => {
    const api = fakeAdminApi({
      signedInAs: moderator,
      items: [
        queueItem({
          id: 'most',
          text: 'Самый обжалованный',
          complaints: [
            { reason: 'abuse', details: null, reporter: { id: 'r1', name: 'Асем' }, createdAt: NOW },
            { reason: 'hate', details: null, reporter: { id: 'r2', name: 'Болат' }, createdAt: NOW },
            {
              reason: 'other',
              details: 'Автор преследует меня в каждой теме',
              reporter: { id: 'r3', name: 'Галия' },
              createdAt: NOW,
            },
          ],
        }),
        queueItem({ id: 'older', text: 'Старый, одна жалоба' }),
        queueItem({ id: 'newer', text: 'Новый, одна жалоба' }),
      ],
    });
    await signedIn(api);
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
    const query = api.requests.find((r) => r.path === '/admin/api/queue')!;
    expect(query.query.get('site')).toBe('news');
    expect(query.query.get('status')).toBe('open');
    expect(query.credentials).toBe('same-origin');
  });

  it('renders markup in a comment as text, keeping its line breaks, and creates no element from it', async () => {
    const hostile = '<img src=x onerror=alert(1)>\nвторая строка <b>жирно</b>';
    const api = fakeAdminApi({
      signedInAs: moderator,
      items: [
        queueItem({
          text: hostile,
          author: { name: '<script>alert(2)</script>' },
          complaints: [
            {
              reason: 'other',
              details: '<a href="javascript:alert(3)">ссылка</a>',
              reporter: { id: 'r', name: '<svg onload=alert(4)>' },
              createdAt: NOW,
            },
          ],
        }),
      ],
    });
    await signedIn(api);
    await until(() => expect(items()).toHaveLength(1));
    const item = items()[0]!;
    expect(item.querySelector('.text')?.textContent).toBe(hostile);
    expect(item.querySelector('img, b, script, svg')).toBeNull();
    expect(item.querySelector('a[href^="javascript:"]')).toBeNull();
    expect(item.textContent).toContain('<script>alert(2)</script>');
    expect(item.textContent).toContain('<a href="javascript:alert(3)">ссылка</a>');
  });

  it('links the article only for http(s) URLs, with no opener and no referrer', async () => {
    const api = fakeAdminApi({
      signedInAs: moderator,
      items: [
        queueItem({ page: { title: 'Нацбанк', url: 'https://news.example.kz/a/1' } }),
        queueItem({ page: { title: 'Опасная ссылка', url: 'javascript:alert(1)' } }),
      ],
    });
    await signedIn(api);
    await until(() => expect(items()).toHaveLength(2));
    const link = items()[0]!.querySelector('.facts a')!;
    expect(link.getAttribute('href')).toBe('https://news.example.kz/a/1');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.textContent).toBe('Нацбанк');
    expect(items()[1]!.querySelector('.facts a')).toBeNull();
    expect(items()[1]!.textContent).toContain('Опасная ссылка');
  });

  it('shows the author’s contact and current ban', async () => {
    const api = fakeAdminApi({
      signedInAs: moderator,
      items: [
        queueItem({
          author: { name: 'Ерлан', contact: 'erlan@example.kz', banned: { until: null, reason: 'Спам' } },
        }),
      ],
    });
    await signedIn(api);
    await until(() => expect(items()).toHaveLength(1));
    expect(items()[0]!.textContent).toContain('erlan@example.kz');
    expect(items()[0]!.textContent).toContain('Заблокирован навсегда. Причина: Спам');
  });

  it('filters by site and state, and pages with "show more", focusing the first new item', async () => {
    const api = fakeAdminApi({
      signedInAs: moderator,
      pageSize: 2,
      items: [
        queueItem({ id: 'n1', text: 'news 1' }),
        queueItem({ id: 'n2', text: 'news 2' }),
        queueItem({ id: 'n3', text: 'news 3' }),
        queueItem({ id: 's1', site: 'sport', text: 'sport open' }),
        queueItem({ id: 's2', site: 'sport', text: 'sport closed', state: 'closed' }),
      ],
    });
    await signedIn(api);
    await until(() => expect(items()).toHaveLength(2));
    button(root(), 'Показать ещё').click();
    await until(() => expect(items()).toHaveLength(3));
    expect(
      api.requests
        .filter((r) => r.path === '/admin/api/queue')
        .at(-1)!
        .query.get('cursor'),
    ).toBe('2');
    expect(document.activeElement?.textContent).toBe('Комментарий: Ерлан');
    expect(document.activeElement?.closest('li')?.querySelector('.text')?.textContent).toBe('news 3');
    expect(() => button(root(), 'Показать ещё')).toThrow();

    await choose(field(root(), 'Сайт'), 'sport');
    await until(() =>
      expect([...items()].map((li) => li.querySelector('.text')?.textContent)).toEqual(['sport open']),
    );
    await choose(field(root(), 'Статус'), 'closed');
    await until(() =>
      expect([...items()].map((li) => li.querySelector('.text')?.textContent)).toEqual(['sport closed']),
    );
    const last = api.requests.filter((r) => r.path === '/admin/api/queue').at(-1)!;
    expect(last.query.get('site')).toBe('sport');
    expect(last.query.get('status')).toBe('closed');
  });

  it('loads the author’s history only when asked for', async () => {
    const api = fakeAdminApi({
      signedInAs: moderator,
      items: [queueItem({ id: 'c1', author: { id: 'erlan' } })],
      history: {
        erlan: {
          comments: [
            {
              id: 'old',
              parentId: null,
              author: { id: 'erlan', name: 'Ерлан' },
              text: 'Прошлый комментарий',
              createdAt: NOW - 86_400_000,
              editedAt: null,
              status: 'hidden',
              page: { title: 'Другая статья', url: 'https://news.example.kz/a/2' },
            },
          ],
          actions: [
            {
              id: 'a1',
              site: 'news',
              actor: { id: 'm', name: 'Модератор Б' },
              action: 'hide',
              commentId: 'old',
              targetUserId: 'erlan',
              reason: 'Оскорбления',
              createdAt: NOW - 3600_000,
            },
          ],
        },
      },
    });
    await signedIn(api);
    await until(() => expect(items()).toHaveLength(1));
    expect(api.requests.some((r) => r.path.includes('/history'))).toBe(false);
    const toggle = button(root(), 'Показать историю автора');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await until(() => expect(root().textContent).toContain('Прошлый комментарий'));
    expect(button(root(), 'Скрыть историю автора').getAttribute('aria-expanded')).toBe('true');
    expect(root().textContent).toContain('Скрыл комментарий');
    expect(root().textContent).toContain('Модератор Б');
    const request = api.requests.find((r) => r.path === '/admin/api/users/erlan/history')!;
    expect(request.query.get('site')).toBe('news');
  });

  it('explains a failed load in Russian, as an alert, and retries', async () => {
    const api = fakeAdminApi({ signedInAs: moderator, items: [queueItem({ text: 'после повтора' })] });
    api.failNext('GET', '/admin/api/queue', 'offline');
    await signedIn(api);
    await until(() => expect(alerts(root())).toHaveLength(1));
    expect(alerts(root())[0]).toContain(
      'Не удалось загрузить жалобы. Нет связи с сервером комментариев. Проверьте подключение к интернету.',
    );
    button(root(), 'Повторить').click();
    await until(() => expect(root().textContent).toContain('после повтора'));
  });
});
