// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { insertComment } from '../../server/storage/comments.ts';
import { getSite } from '../../server/storage/sites.ts';
import {
  button,
  choose,
  field,
  moderator,
  openPanel,
  type PanelServer,
  panelServer,
  SPORT,
  signedInEarlier,
  until,
} from '../helpers/admin-panel.ts';
import { seedUser } from '../helpers/seed.ts';
import { SITE } from '../helpers/test-app.ts';

let unmount: () => void = () => {};
afterEach(() => unmount());

const root = () => document.getElementById('pikir-admin')!;

async function hold(server: PanelServer, site: string, text: string, author: string) {
  const id = `held-${text.length}-${site}`;
  const page = { siteId: site, pageKey: 'a', title: 'Статья', url: 'https://news.example.kz/a' };
  await insertComment(
    server.db,
    { id, page, parentId: null, authorId: author, text, status: 'held' },
    server.clock.now(),
  );
  return id;
}

describe('the panel’s pre-moderation', () => {
  it('lists the site’s held comments in "На проверке" and publishes or rejects each', async () => {
    const server = await panelServer();
    await signedInEarlier(server, moderator);
    const author = await seedUser(server.db, 'Автор');
    const first = await hold(server, SITE, 'Первый на проверке', author);
    const second = await hold(server, SITE, 'Второй', author);
    await hold(server, SPORT, 'Спортивный', author);

    const panel = openPanel(server, 'ru');
    unmount = panel.unmount;
    await until(() => button(root(), 'На проверке'));
    button(root(), 'На проверке').click();
    await until(() => expect(root().querySelector('h1')?.textContent).toBe('Комментарии на проверке'));
    await until(() => expect(root().querySelectorAll('ol.queue > li')).toHaveLength(2));
    expect(root().textContent).not.toContain('Спортивный');

    const item = (text: string) =>
      [...root().querySelectorAll('ol.queue > li')].find((li) => li.textContent?.includes(text))!;
    button(item('Первый на проверке'), 'Опубликовать').click();
    await until(() => expect(item('Первый на проверке').textContent).toContain('Комментарий опубликован.'));
    button(item('Второй'), 'Отклонить').click();
    await until(() => expect(item('Второй').textContent).toContain('Комментарий отклонён.'));
    const statuses = await server.db
      .selectFrom('comments')
      .select(['id', 'status'])
      .where('id', 'in', [first, second])
      .orderBy('text')
      .execute();
    expect(statuses.map((s) => [s.id, s.status])).toEqual([
      [second, 'rejected'],
      [first, 'published'],
    ]);

    await choose(field(root(), 'Сайт'), SPORT);
    await until(() => expect(root().textContent).toContain('Спортивный'));
  });

  it('sets the mode and the word lists on the settings page, checking them first', async () => {
    const server = await panelServer();
    await signedInEarlier(server, moderator);
    const panel = openPanel(server, 'ru');
    unmount = panel.unmount;
    await until(() => button(root(), 'Настройки'));
    button(root(), 'Настройки').click();
    await until(() => field(root(), 'Премодерация'));

    await choose(field(root(), 'Премодерация'), 'few_approved');
    await until(() => field(root(), 'N: сколько одобренных комментариев нужно читателю'));
    const words = field(root(), 'Запрещённые слова') as HTMLTextAreaElement;
    words.value = 'дурак\nя';
    words.dispatchEvent(new Event('input', { bubbles: true }));
    button(root(), 'Сохранить').click();
    await until(() =>
      expect(root().textContent).toContain(
        'Не больше 500 слов, в каждом от 2 до 50 букв, по одному в строке.',
      ),
    );
    expect((await getSite(server.db, SITE))!.settings.preModeration).toBe('off');

    words.value = 'дурак\nидиот\n\nдурак';
    words.dispatchEvent(new Event('input', { bubbles: true }));
    const suspect = field(root(), 'Подозрительные слова') as HTMLTextAreaElement;
    suspect.value = 'казино';
    suspect.dispatchEvent(new Event('input', { bubbles: true }));
    button(root(), 'Сохранить').click();
    await until(() => expect(root().textContent).toContain('Настройки сохранены.'));
    const { settings } = (await getSite(server.db, SITE))!;
    expect([settings.preModeration, settings.preModerationMinApproved]).toEqual(['few_approved', 3]);
    expect(settings.bannedWords).toEqual(['дурак', 'идиот']);
    expect(settings.suspectWords).toEqual(['казино']);
  });
});
