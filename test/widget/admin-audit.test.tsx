// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { randomId } from '../../server/ids.ts';
import { writeAudit } from '../../server/storage/audit.ts';
import { updateSiteSettings } from '../../server/storage/sites.ts';
import type { AuditEntry, AuditPage } from '../../shared/api.ts';
import {
  alerts,
  button,
  choose,
  field,
  focusOnArrival,
  moderator,
  openPanel,
  type PanelServer,
  panelServer,
  signedInEarlier,
  until,
} from '../helpers/admin-panel.ts';
import { paths, post } from '../helpers/auth-client.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { SITE } from '../helpers/test-app.ts';

let unmount: () => void = () => {};
afterEach(() => unmount());

const root = () => document.getElementById('pikir-admin')!;
const entries = () => [...root().querySelectorAll('ol.audit > li')];
/** The server's page of the audit log. */
const PAGE = 50;

/** Moderator n's decision, n minutes ago, as the moderation route writes it. */
async function logged(
  server: PanelServer,
  n: number,
  entry: Pick<AuditEntry, 'action' | 'commentId' | 'targetUserId'> & { reason?: string | null },
) {
  await writeAudit(
    server.db,
    {
      id: randomId(),
      siteId: SITE,
      actorId: await seedUser(server.db, `Модератор ${n}`),
      reason: `Причина ${n}`,
      ...entry,
    },
    server.clock.now() - n * 60_000,
  );
}

async function openAudit(server: PanelServer) {
  const panel = openPanel(server);
  unmount = panel.unmount;
  await until(() => button(root(), 'Журнал действий'));
  button(root(), 'Журнал действий').click();
  await until(() => expect(root().querySelector('h1')?.textContent).toBe('Журнал действий'));
}

describe('admin audit log', () => {
  it('lists who did what, when and why, in the server’s order (newest first), a page at a time', async () => {
    const server = await panelServer();
    const now = server.clock.now();
    const author = await seedUser(server.db, 'Ерлан');
    const comment = await seedComment(server.db, { siteId: SITE, pageKey: 'a', authorId: author, at: now });
    await logged(server, 1, {
      action: 'ban',
      commentId: null,
      targetUserId: author,
      reason: 'Систематические оскорбления',
    });
    await logged(server, 2, { action: 'delete', commentId: comment, targetUserId: author });
    // The rest of the first page, then one more.
    for (let n = 3; n <= PAGE; n++)
      await logged(server, n, { action: 'hide', commentId: comment, targetUserId: author });
    await logged(server, PAGE + 1, {
      action: 'dismiss',
      commentId: comment,
      targetUserId: author,
      reason: null,
    });
    await signedInEarlier(server, moderator);
    await openAudit(server);
    expect(document.activeElement).toBe(root().querySelector('h1'));
    expect(button(root(), 'Журнал действий').getAttribute('aria-current')).toBe('page');
    await until(() => expect(entries()).toHaveLength(PAGE));
    const first = entries()[0]!;
    expect(first.textContent).toContain('Модератор 1');
    expect(first.textContent).toContain('Заблокировал автора');
    expect(first.textContent).toContain(`пользователь ${author}`);
    expect(first.textContent).toContain('Систематические оскорбления');
    expect(first.querySelector('time')?.getAttribute('datetime')).toBe(new Date(now - 60_000).toISOString());
    expect(entries()[1]!.textContent).toContain('Удалил комментарий');

    const arrival = focusOnArrival(root(), () => entries()[PAGE]);
    button(root(), 'Показать ещё').click();
    await until(() => expect(entries()).toHaveLength(PAGE + 1));
    expect(entries()[PAGE]!.textContent).toContain('Отклонил жалобы');
    expect(entries()[PAGE]!.textContent).toContain('Причина не указана');
    // In the commit that rendered it: a key pressed a frame later must not go to a vanished button.
    expect(arrival.focused()).toBe(entries()[PAGE]);
    expect(document.activeElement).toBe(entries()[PAGE]);
    const pages = server.requests.filter((r) => r.path === '/admin/api/audit');
    const last = pages.at(-1)!;
    // Every site of the moderator's at first ("Все сайты").
    expect(last.query.has('site')).toBe(false);
    const cursor = (pages[0]!.answer as AuditPage).nextCursor;
    expect(cursor).toBeTruthy();
    expect(last.query.get('cursor')).toBe(cursor);
  });

  it('records the panel’s own actions', async () => {
    const server = await panelServer();
    await signedInEarlier(server, moderator);
    await openAudit(server);
    await until(() => expect(root().textContent).toContain('Действий пока нет.'));
  });

  it('explains a refusal in Russian', async () => {
    const server = await panelServer();
    await signedInEarlier(server, moderator);
    const panel = openPanel(server);
    unmount = panel.unmount;
    await until(() => button(root(), 'Журнал действий'));
    button(root(), 'Журнал действий').click();
    await until(() => expect(root().querySelector('h1')?.textContent).toBe('Журнал действий'));
    // The site's owner takes the moderator off this site while the panel is open; the log of
    // "Все сайты" is then the other site's, and asking for this one is refused.
    await server.db.deleteFrom('site_admins').where('site_id', '=', SITE).execute();
    await choose(field(root(), 'Сайт'), SITE);
    await until(() => expect(alerts(root())).toHaveLength(1));
    expect(alerts(root())[0]).toContain('Не удалось загрузить журнал. У вас нет прав на это действие.');
  });

  it('shows the server’s own messages about the site, such as the SMS budget running out', async () => {
    const server = await panelServer();
    const now = server.clock.now();
    // An hour ago a reader asked for an SMS code when the site had none left for the day.
    await updateSiteSettings(server.db, SITE, { smsDailyBudget: 0 });
    server.clock.set(now - 3_600_000);
    const register = { channel: 'phone', contact: '+77017654321', name: 'Читатель', password: 'tulpar2026' };
    expect((await post(server.app, paths.registerStart, register)).status).toBe(503);
    server.clock.set(now);
    await signedInEarlier(server, moderator);
    await openAudit(server);
    await until(() => expect(root().querySelector('.events')).not.toBeNull());
    const events = root().querySelector('.events')!;
    expect(events.querySelector('h2')?.textContent).toBe('Служебные сообщения');
    expect(events.textContent).toContain('Дневной лимит SMS исчерпан');
    expect(events.querySelector('time')?.getAttribute('datetime')).toBe(
      new Date(now - 3_600_000).toISOString(),
    );
  });
});
