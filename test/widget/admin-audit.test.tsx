// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api.ts';
import { fakeAdminApi, moderator, NOW } from '../doubles/admin-api.ts';
import { alerts, button, openPanel, until } from '../helpers/admin-panel.ts';

let unmount: () => void = () => {};
afterEach(() => unmount());

const root = () => document.getElementById('pikir-admin')!;
const entries = () => [...root().querySelectorAll('ol.audit > li')];

function entry(n: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: `e${n}`,
    site: 'news',
    actor: { id: 'm', name: `Модератор ${n}` },
    action: 'hide',
    commentId: `c${n}`,
    targetUserId: `u${n}`,
    reason: `Причина ${n}`,
    createdAt: NOW - n * 60_000,
    ...overrides,
  };
}

async function openAudit(api: ReturnType<typeof fakeAdminApi>) {
  const panel = openPanel(api);
  unmount = panel.unmount;
  await until(() => button(root(), 'Журнал действий'));
  button(root(), 'Журнал действий').click();
  await until(() => expect(root().querySelector('h1')?.textContent).toBe('Журнал действий'));
}

describe('admin audit log', () => {
  it('lists who did what, when and why, in the server’s order (newest first), a page at a time', async () => {
    const api = fakeAdminApi({
      signedInAs: moderator,
      pageSize: 2,
      audit: [
        entry(1, { action: 'ban', commentId: null, reason: 'Систематические оскорбления' }),
        entry(2, { action: 'delete' }),
        entry(3, { action: 'dismiss', reason: null }),
      ],
    });
    await openAudit(api);
    expect(document.activeElement).toBe(root().querySelector('h1'));
    expect(button(root(), 'Журнал действий').getAttribute('aria-current')).toBe('page');
    await until(() => expect(entries()).toHaveLength(2));
    const first = entries()[0]!;
    expect(first.textContent).toContain('Модератор 1');
    expect(first.textContent).toContain('Заблокировал автора');
    expect(first.textContent).toContain('пользователь u1');
    expect(first.textContent).toContain('Систематические оскорбления');
    expect(first.querySelector('time')?.getAttribute('datetime')).toBe(new Date(NOW - 60_000).toISOString());
    expect(entries()[1]!.textContent).toContain('Удалил комментарий');

    button(root(), 'Показать ещё').click();
    await until(() => expect(entries()).toHaveLength(3));
    expect(entries()[2]!.textContent).toContain('Отклонил жалобы');
    expect(entries()[2]!.textContent).toContain('Причина не указана');
    expect(document.activeElement).toBe(entries()[2]);
    const last = api.requests.filter((r) => r.path === '/admin/api/audit').at(-1)!;
    expect(last.query.get('site')).toBe('news');
    expect(last.query.get('cursor')).toBe('2');
  });

  it('records the panel’s own actions', async () => {
    const api = fakeAdminApi({ signedInAs: moderator, audit: [] });
    await openAudit(api);
    await until(() => expect(root().textContent).toContain('Действий пока нет.'));
  });

  it('explains a refusal in Russian', async () => {
    const api = fakeAdminApi({ signedInAs: moderator });
    api.failNext('GET', '/admin/api/audit', 'rate_limited');
    await openAudit(api);
    await until(() => expect(alerts(root())).toHaveLength(1));
    expect(alerts(root())[0]).toContain(
      'Не удалось загрузить журнал. Слишком много попыток. Подождите немного и попробуйте снова.',
    );
  });

  it('shows the server’s own messages about the site, such as the SMS budget running out', async () => {
    const api = fakeAdminApi({
      signedInAs: moderator,
      events: [
        { kind: 'sms_budget_exhausted', message: 'The daily SMS budget is spent', at: NOW - 3_600_000 },
      ],
    });
    await openAudit(api);
    await until(() => expect(root().querySelector('.events')).not.toBeNull());
    const events = root().querySelector('.events')!;
    expect(events.querySelector('h2')?.textContent).toBe('Служебные сообщения');
    expect(events.textContent).toContain('Дневной лимит SMS исчерпан');
    expect(events.querySelector('time')?.getAttribute('datetime')).toBe(
      new Date(NOW - 3_600_000).toISOString(),
    );
  });
});
