// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/passwords.ts';
import { createSession } from '../../server/auth/sessions.ts';
import { findUserByContact } from '../../server/storage/users.ts';
import type { ResetTicket } from '../../shared/api.ts';
import { AuthPanel } from '../../widget/app/components/auth/auth-panel.tsx';
import { seedAccount } from '../helpers/seed.ts';
import { SITE } from '../helpers/test-app.ts';
import {
  authPath,
  button,
  click,
  field,
  type Rendered,
  renderInShadow,
  sessionOwner,
  submit,
  type,
  type WidgetServer,
  widgetServer,
  widgetStores,
} from '../helpers/widget.tsx';

let server: WidgetServer;
let reader: string;
let stores: Awaited<ReturnType<typeof widgetStores>>;
let ui: Rendered;

async function passwordIs(contact: string, password: string): Promise<boolean> {
  const user = await findUserByContact(server.db, contact);
  return verifyPassword(user?.password_hash ?? null, password);
}

beforeEach(async () => {
  server = await widgetServer();
  reader = await seedAccount(server.db, { contact: 'reader@mail.kz', name: 'Reader', password: 'oldpass1' });
  stores = await widgetStores(server);
  ui = await renderInShadow(
    <AuthPanel
      start="signIn"
      api={stores.api}
      session={stores.session}
      defaultCountry="KZ"
      onClose={() => {}}
    />,
  );
});
afterEach(() => ui.unmount());

describe('changing a forgotten password', () => {
  it('goes contact → code → new password → done → sign-in with the new password', async () => {
    const oldSession = await createSession(server.db, reader, SITE, server.clock.now());
    await click(button(ui, 'Сменить пароль'));
    expect(ui.$('h3').textContent).toBe('Сменить пароль');
    expect(ui.root.activeElement).toBe(ui.$('h3'));
    await click(ui.$$('[role="tab"]')[1]!);
    await type(field(ui, 'Эл. почта'), 'reader@mail.kz');
    await submit(field(ui, 'Эл. почта'));
    expect(server.requests.at(-1)).toMatchObject({
      path: authPath('/reset'),
      body: { channel: 'email', contact: 'reader@mail.kz', lang: 'ru' },
    });

    expect(ui.$('h3').textContent).toBe("Введите код доступа из Email'а");
    expect(ui.text()).toContain('Отправить код повторно ( 59 секунд )');
    await type(field(ui, 'Код доступа'), server.messages.lastCode('reader@mail.kz'));
    await submit(field(ui, 'Код доступа'));
    expect(server.requests.at(-1)).toMatchObject({ path: authPath('/reset/verify') });

    expect(ui.$('h3').textContent).toBe('Придумайте новый пароль');
    const password = field(ui, 'Новый пароль');
    expect(password.autocomplete).toBe('new-password');
    expect(ui.$('.rule').textContent).toBe(
      'Пароль должен содержать не менее 6 символов. Допустимо использование латинских букв и цифр.',
    );
    await type(password, 'short');
    expect(ui.$('.rule').dataset.state).toBe('bad');
    await submit(password);
    expect(server.requests.at(-1)!.path).toBe(authPath('/reset/verify'));
    await type(field(ui, 'Новый пароль'), 'steppe2026');
    await submit(field(ui, 'Новый пароль'));
    const verified = server.requests.findLast((r) => r.path === authPath('/reset/verify'))!;
    expect(server.requests.at(-1)).toMatchObject({
      path: authPath('/reset/finish'),
      body: { ticket: (verified.answer as ResetTicket).ticket, password: 'steppe2026' },
    });
    expect(await passwordIs('reader@mail.kz', 'steppe2026')).toBe(true);
    expect(await sessionOwner(server, oldSession)).toBeNull();

    expect(ui.$('h3').textContent).toBe('Пароль успешно изменен');
    expect(ui.text()).toContain('Теперь вы можете авторизоваться');
    await click(button(ui, 'Войти'));
    expect(ui.$('h3').textContent).toBe('Авторизуйтесь, чтобы отправить комментарий');
    expect(field(ui, 'Эл. почта').value).toBe('reader@mail.kz');
    expect(field(ui, 'Пароль').value).toBe('');
    await type(field(ui, 'Пароль'), 'steppe2026');
    await submit(field(ui, 'Пароль'));
    expect(ui.$('h3').textContent).toBe('Спасибо, что авторизовались');
  });

  it('uses the SMS wording for a phone and shows a wrong code in Russian', async () => {
    await seedAccount(server.db, { contact: '+77011234567', name: 'Айгерим', password: 'oldpass1' });
    await click(button(ui, 'Сменить пароль'));
    await type(field(ui, 'Номер сотового телефона'), '+77011234567');
    await submit(field(ui, 'Номер сотового телефона'));
    expect(ui.$('h3').textContent).toBe('Введите код доступа из SMS-сообщения');
    await type(field(ui, 'Код доступа'), '12345');
    await submit(field(ui, 'Код доступа'));
    expect(ui.$('[role="alert"]').textContent).toBe('Код состоит из 6 цифр.');
    const code = server.messages.lastCode('+77011234567');
    await type(field(ui, 'Код доступа'), code === '654321' ? '123456' : '654321');
    await submit(field(ui, 'Код доступа'));
    expect(ui.$('[role="alert"]').textContent).toBe('Код неверный или устарел. Запросите новый.');
    expect(field(ui, 'Код доступа').getAttribute('aria-invalid')).toBe('true');
  });
});
