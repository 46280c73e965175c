// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { queueItems } from '../../server/storage/queue.ts';
import {
  alerts,
  button,
  field,
  moderator,
  openPanel,
  type PanelServer,
  panelServer,
  reportedComment,
  signedInEarlier,
  typeInto,
  until,
} from '../helpers/admin-panel.ts';
import { SITE } from '../helpers/test-app.ts';

let unmount: () => void = () => {};
afterEach(() => unmount());

const root = () => document.getElementById('pikir-admin')!;
const item = () => root().querySelector('ol.queue > li')!;
let comment: string;
const actions = (server: PanelServer) =>
  server.requests.filter((r) => r.path === `/admin/api/comments/${comment}/actions`);

async function withOneItem() {
  const server = await panelServer();
  await signedInEarlier(server, moderator);
  comment = await reportedComment(server, { text: 'Текст комментария' });
  const panel = openPanel(server);
  unmount = panel.unmount;
  await until(() => expect(root().querySelector('ol.queue > li')).not.toBeNull());
  return server;
}

describe('admin actions', () => {
  it('dismisses the complaints with the CSRF header and shows the item as the server answered', async () => {
    const server = await withOneItem();
    expect(item().textContent).toContain('Ждёт решения');
    button(item(), 'Отклонить жалобы').click();
    await until(() => expect(item().textContent).toContain('Жалобы отклонены.'));
    const [request] = actions(server);
    expect(request!.method).toBe('POST');
    expect(request!.headers.get('X-Pikir-Admin')).toBe('1');
    expect(request!.headers.get('Content-Type')).toBe('application/json');
    expect(request!.credentials).toBe('same-origin');
    expect(request!.body).toEqual({ site: 'news', action: 'dismiss' });
    expect(item().textContent).toContain('Решение принято');
    expect(item().textContent).toContain('Виден читателям');
    expect(document.activeElement?.textContent).toBe('Жалобы отклонены.');
  });

  it('hides at once, then offers to show the comment again instead of a second hide', async () => {
    const server = await withOneItem();
    button(item(), 'Скрыть').click();
    await until(() => expect(item().textContent).toContain('Скрыт модератором'));
    expect(actions(server)[0]!.body).toEqual({ site: 'news', action: 'hide' });
    expect(() => button(item(), 'Скрыть')).toThrow();

    button(item(), 'Показать снова').click();
    await until(() => expect(item().textContent).toContain('Комментарий снова виден читателям.'));
    expect(actions(server)[1]!.body).toEqual({ site: 'news', action: 'unhide' });
    expect(item().textContent).toContain('Виден читателям');
    expect(button(item(), 'Скрыть').disabled).toBe(false);
  });

  it('deletes only after the confirm step, with the optional reason for the log', async () => {
    const server = await withOneItem();
    button(item(), 'Удалить').click();
    await until(() => expect(item().textContent).toContain('Удалить этот комментарий?'));
    expect(actions(server)).toHaveLength(0);
    expect(document.activeElement).toBe(field(item(), 'Причина для журнала (необязательно)'));

    button(item(), 'Отмена').click();
    await until(() => expect(document.activeElement).toBe(button(item(), 'Удалить')));
    expect(actions(server)).toHaveLength(0);

    button(item(), 'Удалить').click();
    await until(() => field(item(), 'Причина для журнала (необязательно)'));
    await typeInto(field(item(), 'Причина для журнала (необязательно)'), 'Реклама казино');
    button(item(), 'Да, удалить').click();
    await until(() => expect(item().textContent).toContain('Комментарий удалён.'));
    expect(actions(server)[0]!.body).toEqual({ site: 'news', action: 'delete', reason: 'Реклама казино' });
    expect(item().textContent).toContain('Удалён');

    // A deleted comment offers to restore it instead of a second deletion.
    expect(() => button(item(), 'Удалить')).toThrow();
    button(item(), 'Восстановить').click();
    await until(() => expect(item().textContent).toContain('Комментарий восстановлен.'));
    expect(actions(server)[1]!.body).toEqual({ site: 'news', action: 'restore' });
    expect(item().textContent).toContain('Виден читателям');
  });

  it('bans only with a reason, after a confirm step, and shows the ban from the answer', async () => {
    const server = await withOneItem();
    button(item(), 'Заблокировать автора').click();
    await until(() => expect(item().textContent).toContain('Заблокировать автора Ерлан на этом сайте'));
    expect(document.activeElement).toBe(item().querySelector('input[type="radio"][value="1d"]'));

    button(item(), 'Продолжить').click();
    await until(() => expect(alerts(item())).toEqual(['Укажите причину блокировки.']));
    expect(document.activeElement).toBe(field(item(), 'Причина (её увидит автор)'));
    expect(field(item(), 'Причина (её увидит автор)').getAttribute('aria-invalid')).toBe('true');
    expect(actions(server)).toHaveLength(0);

    const week = [...item().querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
      (r) => r.value === '7d',
    )!;
    week.click();
    await typeInto(field(item(), 'Причина (её увидит автор)'), 'Оскорбления участников');
    button(item(), 'Продолжить').click();
    await until(() =>
      expect(item().textContent).toContain(
        'Заблокировать пользователя Ерлан на 7 дней? Комментарий будет удалён.',
      ),
    );
    expect(actions(server)).toHaveLength(0);
    button(item(), 'Да, заблокировать').click();
    await until(() => expect(item().textContent).toContain('Автор заблокирован.'));
    expect(actions(server)[0]!.body).toEqual({
      site: 'news',
      action: 'delete',
      reason: 'Оскорбления участников',
      ban: { duration: '7d', reason: 'Оскорбления участников' },
    });
    expect(item().textContent).toContain('Заблокирован до');
    expect(item().textContent).toContain('Причина: Оскорбления участников');
  });

  it('shows a refusal localised and announced, and leaves the item as it was', async () => {
    const server = await withOneItem();
    // The site's owner takes the moderator off this site while the panel is open.
    await server.db.deleteFrom('site_admins').where('site_id', '=', SITE).execute();
    button(item(), 'Скрыть').click();
    await until(() => expect(alerts(item())).toEqual(['У вас нет прав на это действие.']));
    expect(item().textContent).toContain('Скрыт от читателей до решения');
    expect(item().textContent).toContain('Ждёт решения');
    const [stored] = await queueItems(server.db, [comment], server.clock.now());
    expect(stored!.state).toBe('open');
  });
});
