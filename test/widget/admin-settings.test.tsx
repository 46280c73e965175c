// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { writeAdminLog } from '../../server/storage/admin-log.ts';
import { getSite, updateSite } from '../../server/storage/sites.ts';
import { enqueueWebhook, markFailed } from '../../server/storage/webhook-outbox.ts';
import {
  alerts,
  button,
  choose,
  field,
  moderator,
  openPanel,
  type PanelServer,
  panelServer,
  SPORT,
  signedInEarlier,
  typeInto,
  until,
} from '../helpers/admin-panel.ts';
import { SITE } from '../helpers/test-app.ts';

let unmount: () => void = () => {};
afterEach(() => unmount());

const root = () => document.getElementById('pikir-admin')!;
const DAY = 24 * 3600_000;

async function openSettings(server: PanelServer, lang: 'ru' | 'en' = 'ru') {
  const panel = openPanel(server, lang);
  unmount = panel.unmount;
  const nav = lang === 'ru' ? 'Настройки' : 'Settings';
  await until(() => button(root(), nav));
  button(root(), nav).click();
  await until(() => field(root(), lang === 'ru' ? 'Название сайта' : 'Site name'));
}

const value = (label: string) => (field(root(), label) as HTMLInputElement).value;

describe('admin settings page', () => {
  it('shows the site’s settings and saves what the admin changes, logged in the audit log', async () => {
    const server = await panelServer();
    await signedInEarlier(server, moderator);
    await openSettings(server);
    expect(root().querySelector('h1')?.textContent).toBe('Настройки сайта');
    expect(document.activeElement).toBe(root().querySelector('h1'));
    expect(value('Название сайта')).toBe('News');
    expect(value('Жалоб, после которых комментарий скрывается до решения')).toBe('1');
    expect(value('Страны, в которые отправляются коды по SMS')).toBe('KZ');
    expect(value('SMS в день для этого сайта')).toBe('500');
    expect(value('Наибольшая длина комментария, символов')).toBe('5000');
    expect(value('Страна номеров, набранных без «+»')).toBe('KZ');

    await typeInto(field(root(), 'Жалоб, после которых комментарий скрывается до решения'), '4');
    await typeInto(field(root(), 'Страны, в которые отправляются коды по SMS'), 'kz, uz');
    await typeInto(field(root(), 'Наибольшая длина комментария, символов'), '3000');
    button(root(), 'Сохранить').click();
    await until(() => expect(root().textContent).toContain('Настройки сохранены.'));
    const site = (await getSite(server.db, SITE))!;
    expect(site.settings).toMatchObject({
      complaintThreshold: 4,
      smsCountries: ['KZ', 'UZ'],
      commentMaxLength: 3000,
      smsDailyBudget: 500,
    });
    expect(value('Страны, в которые отправляются коды по SMS')).toBe('KZ, UZ');
    const audit = await server.db.selectFrom('audit_log').select(['action', 'reason']).execute();
    expect(audit.map((r) => r.reason).sort()).toEqual([
      'commentMaxLength: 5000 → 3000',
      'complaintThreshold: 1 → 4',
      'smsCountries: KZ → KZ,UZ',
    ]);
    expect(new Set(audit.map((r) => r.action))).toEqual(new Set(['settings']));
  });

  it('says what is wrong with a field, on the field, and sends nothing', async () => {
    const server = await panelServer();
    await signedInEarlier(server, moderator);
    await openSettings(server);
    const threshold = field(root(), 'Жалоб, после которых комментарий скрывается до решения');
    await typeInto(threshold, '0');
    await typeInto(field(root(), 'Название сайта'), '  ');
    button(root(), 'Сохранить').click();
    await until(() => expect(threshold.getAttribute('aria-invalid')).toBe('true'));
    const message = root().querySelector(`#${threshold.getAttribute('aria-describedby')}`);
    expect(message?.textContent).toBe('Введите, пожалуйста, целое число от 1 до 100.');
    expect(root().textContent).toContain('Введите, пожалуйста, название сайта.');
    expect(document.activeElement).toBe(field(root(), 'Название сайта'));
    expect((await getSite(server.db, SITE))!.settings.complaintThreshold).toBe(1);
    expect(await server.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });

  it('sets the days after which threads close, empty for never, and refuses a bad number', async () => {
    const server = await panelServer();
    await signedInEarlier(server, moderator);
    await openSettings(server);
    const label = 'Закрывать обсуждение через столько дней после первого комментария';
    const days = field(root(), label);
    expect(value(label)).toBe('');
    await typeInto(days, '4000');
    button(root(), 'Сохранить').click();
    await until(() => expect(days.getAttribute('aria-invalid')).toBe('true'));
    expect(root().textContent).toContain(
      'Введите, пожалуйста, целое число дней от 1 до 3650 или оставьте поле пустым.',
    );
    expect((await getSite(server.db, SITE))!.settings.closeAfterDays).toBeNull();

    await typeInto(days, '30');
    button(root(), 'Сохранить').click();
    await until(() => expect(root().textContent).toContain('Настройки сохранены.'));
    expect((await getSite(server.db, SITE))!.settings.closeAfterDays).toBe(30);
    await typeInto(field(root(), label), '');
    button(root(), 'Сохранить').click();
    await until(async () => expect((await getSite(server.db, SITE))!.settings.closeAfterDays).toBeNull());
    const audit = await server.db.selectFrom('audit_log').select('reason').execute();
    expect(audit.map((r) => r.reason).sort()).toEqual([
      'closeAfterDays: 30 → never',
      'closeAfterDays: never → 30',
    ]);
  });

  it('shows the server’s refusal when it finds what the page could not', async () => {
    const server = await panelServer();
    await signedInEarlier(server, moderator);
    await openSettings(server);
    // Two letters, but no country: only the server knows the list.
    await typeInto(field(root(), 'Страны, в которые отправляются коды по SMS'), 'KZ, XX');
    button(root(), 'Сохранить').click();
    await until(() => expect(alerts(root())).toEqual(['Проверьте, пожалуйста, введённые данные.']));
    expect((await getSite(server.db, SITE))!.settings.smsCountries).toEqual(['KZ']);
  });

  it('switches between the admin’s sites', async () => {
    const server = await panelServer();
    await updateSite(server.db, SPORT, () => ({ settings: { commentMaxLength: 800 } }));
    await signedInEarlier(server, moderator);
    await openSettings(server);
    await choose(root().querySelector('#pikir-admin-settings-site'), SPORT);
    await until(() => expect(value('Название сайта')).toBe('Спорт'));
    expect(value('Наибольшая длина комментария, символов')).toBe('800');
  });

  it('shows the webhook by its origin, and the deliveries given up, in English too', async () => {
    const server = await panelServer();
    await updateSite(server.db, SITE, () => ({
      settings: { webhookUrl: 'https://hooks.example.kz/bot:secret' },
      newWebhookSalt: true,
    }));
    const now = server.clock.now();
    await enqueueWebhook(
      server.db,
      { id: 'w1', siteId: SITE, eventType: 'complaint', body: '{}' },
      now - DAY,
    );
    await server.db.updateTable('webhook_outbox').set({ attempts: 31 }).where('id', '=', 'w1').execute();
    await markFailed(
      server.db,
      { id: 'w1', siteId: SITE, eventType: 'complaint', body: '{}', attempt: 31, createdAt: now - DAY },
      'answered 500',
      now,
    );
    await signedInEarlier(server, moderator);
    await openSettings(server, 'en');
    await until(() => expect(root().textContent).toContain('Not delivered after a day of attempts'));
    const text = root().textContent ?? '';
    expect(text).toContain('Reports, moderation and service messages are sent to https://hooks.example.kz.');
    expect(text).not.toContain('secret');
    expect(text).toContain('A report,');
    expect(text).toContain('answered 500 (attempts: 31)');
    expect(text).toContain('Only the server’s operator sets or changes the webhook.');
  });

  it('tells of a webhook given up in the service messages, in the panel’s language', async () => {
    const server = await panelServer();
    await writeAdminLog(
      server.db,
      { siteId: SITE, kind: 'webhook_failed', message: 'A webhook (complaint event w1) … was given up' },
      server.clock.now(),
    );
    await signedInEarlier(server, moderator);
    const panel = openPanel(server);
    unmount = panel.unmount;
    await until(() => button(root(), 'Журнал действий'));
    button(root(), 'Журнал действий').click();
    await until(() =>
      expect(root().textContent).toContain(
        'Вебхук не удалось доставить за сутки попыток; он указан на странице «Настройки».',
      ),
    );
  });
});
