// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthPanel } from '../../widget/app/components/auth/auth-panel.tsx';
import { type AuthServer, authPath, authServer, CODE } from '../doubles/auth-server.ts';
import {
  button,
  click,
  field,
  type Rendered,
  renderInShadow,
  submit,
  type,
  widgetStores,
} from '../helpers/widget.tsx';

let server: AuthServer;
let stores: ReturnType<typeof widgetStores>;
let ui: Rendered;

beforeEach(async () => {
  server = authServer();
  server.addAccount('reader@mail.kz', 'Reader', 'oldpass1');
  stores = widgetStores(server);
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
    const oldSession = server.sessionFor('reader@mail.kz');
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
    await type(field(ui, 'Код доступа'), CODE);
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
    await type(field(ui, 'Новый пароль'), 'newpass2');
    await submit(field(ui, 'Новый пароль'));
    expect(server.requests.at(-1)).toMatchObject({
      path: authPath('/reset/finish'),
      body: { ticket: expect.stringMatching(/^ticket-/), password: 'newpass2' },
    });
    expect(server.passwordOf('reader@mail.kz')).toBe('newpass2');
    expect(server.sessions.has(oldSession)).toBe(false);

    expect(ui.$('h3').textContent).toBe('Пароль успешно изменен');
    expect(ui.text()).toContain('Теперь вы можете авторизоваться');
    await click(button(ui, 'Войти'));
    expect(ui.$('h3').textContent).toBe('Авторизуйтесь, чтобы отправить комментарий');
    expect(field(ui, 'Эл. почта').value).toBe('reader@mail.kz');
    expect(field(ui, 'Пароль').value).toBe('');
    await type(field(ui, 'Пароль'), 'newpass2');
    await submit(field(ui, 'Пароль'));
    expect(ui.$('h3').textContent).toBe('Спасибо, что авторизовались');
  });

  it('uses the SMS wording for a phone and shows a wrong code in Russian', async () => {
    server.addAccount('+77011234567', 'Айгерим', 'oldpass1');
    await click(button(ui, 'Сменить пароль'));
    await type(field(ui, 'Номер сотового телефона'), '+77011234567');
    await submit(field(ui, 'Номер сотового телефона'));
    expect(ui.$('h3').textContent).toBe('Введите код доступа из SMS-сообщения');
    await type(field(ui, 'Код доступа'), '12345');
    await submit(field(ui, 'Код доступа'));
    expect(ui.$('[role="alert"]').textContent).toBe('Код состоит из 6 цифр.');
    await type(field(ui, 'Код доступа'), '654321');
    await submit(field(ui, 'Код доступа'));
    expect(ui.$('[role="alert"]').textContent).toBe('Код неверный или устарел. Запросите новый.');
    expect(field(ui, 'Код доступа').getAttribute('aria-invalid')).toBe('true');
  });
});
