// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_SESSION_IDLE_MS } from '../../server/auth/sessions.ts';
import { pickLanguage } from '../../widget/admin/i18n.ts';
import {
  addAccount,
  alerts,
  button,
  field,
  moderator,
  openPanel,
  panelServer,
  reportedComment,
  signedInEarlier,
  typeInto,
  until,
} from '../helpers/admin-panel.ts';

/** A reader's account: the right password, but no site to moderate. */
const idle = { contact: 'reader@example.kz', name: 'Читатель', password: 'secret7', sites: [] };

let unmount: () => void = () => {};
afterEach(() => unmount());

describe('admin sign-in', () => {
  it('signs in by phone with the CSRF header and the same-origin cookie, then shows the queue', async () => {
    const server = await panelServer();
    await addAccount(server, moderator);
    await reportedComment(server, { text: 'Первый' });
    const panel = openPanel(server);
    unmount = panel.unmount;
    const { root } = panel;
    await until(() => expect(root.querySelector('h1')?.textContent).toBe('Вход для модераторов'));
    expect(root.querySelectorAll('[role="tab"]')).toHaveLength(0);

    await typeInto(field(root, 'Номер телефона или эл. почта'), '+7 701 123 45 67');
    await typeInto(field(root, 'Пароль'), 'secret7');
    button(root, 'Войти').click();

    await until(() => expect(root.querySelector('h1')?.textContent).toBe('Комментарии с жалобами'));
    await until(() => expect(root.textContent).toContain('Первый'));
    const login = server.requests.find((r) => r.path === '/admin/api/login')!;
    expect(login.method).toBe('POST');
    expect(login.headers.get('X-Pikir-Admin')).toBe('1');
    expect(login.credentials).toBe('same-origin');
    expect(login.body).toEqual({ channel: 'phone', contact: '+7 701 123 45 67', password: 'secret7' });
    expect(root.textContent).toContain('Вы вошли как Айгерим Модератор');
    expect(document.activeElement).toBe(root.querySelector('h1'));
  });

  it('refuses a wrong password with the localised message, announced, and stays on the form', async () => {
    const server = await panelServer();
    await addAccount(server, moderator);
    const panel = openPanel(server);
    unmount = panel.unmount;
    const { root } = panel;
    await until(() => button(root, 'Войти'));
    await typeInto(field(root, 'Номер телефона или эл. почта'), '+7 701 123 45 67');
    await typeInto(field(root, 'Пароль'), 'wrong99');
    button(root, 'Войти').click();
    await until(() => expect(alerts(root)).toEqual(['Неверный номер телефона, email или пароль.']));
    expect(field(root, 'Пароль').getAttribute('aria-invalid')).toBe('true');
  });

  it('tells an account that moderates no site so, by email', async () => {
    const server = await panelServer();
    await addAccount(server, idle);
    const panel = openPanel(server);
    unmount = panel.unmount;
    const { root } = panel;
    await until(() => button(root, 'Войти'));
    // The same field takes the email: the "@" tells the panel which channel it is.
    await typeInto(field(root, 'Номер телефона или эл. почта'), 'reader@example.kz');
    await typeInto(field(root, 'Пароль'), 'secret7');
    button(root, 'Войти').click();
    await until(() =>
      expect(alerts(root)).toEqual([
        'Этот аккаунт не модерирует ни один сайт. Попросите владельца сайта добавить вас в администраторы.',
      ]),
    );
  });

  it('asks for the missing contact before sending anything', async () => {
    const server = await panelServer();
    await addAccount(server, moderator);
    const panel = openPanel(server);
    unmount = panel.unmount;
    const { root } = panel;
    await until(() => button(root, 'Войти'));
    button(root, 'Войти').click();
    await until(() => expect(alerts(root)).toEqual(['Введите номер телефона или адрес эл. почты.']));
    expect(document.activeElement).toBe(field(root, 'Номер телефона или эл. почта'));
    expect(server.requests.some((r) => r.path === '/admin/api/login')).toBe(false);
  });

  it('offers one field for a phone or an email, with the keyboard and autofill for both', async () => {
    const panel = openPanel(await panelServer());
    unmount = panel.unmount;
    const { root } = panel;
    await until(() => button(root, 'Войти'));
    const contact = field(root, 'Номер телефона или эл. почта');
    expect(contact.getAttribute('type')).toBe('text');
    expect(contact.getAttribute('inputmode')).toBe('email');
    expect(contact.getAttribute('autocomplete')).toBe('username');
    expect(contact.getAttribute('autocapitalize')).toBe('none');
  });

  it('opens signed in when the cookie is still valid, and signs out', async () => {
    const server = await panelServer();
    await signedInEarlier(server, moderator);
    const panel = openPanel(server);
    unmount = panel.unmount;
    const { root } = panel;
    await until(() => button(root, 'Выйти'));
    button(root, 'Выйти').click();
    await until(() => expect(root.querySelector('h1')?.textContent).toBe('Вход для модераторов'));
    const logout = server.requests.find((r) => r.path === '/admin/api/logout')!;
    expect(logout.method).toBe('POST');
    expect(logout.headers.get('X-Pikir-Admin')).toBe('1');
    expect(alerts(root)).toEqual([]);
  });

  it('goes back to sign-in with a notice when the session ends on the server', async () => {
    const server = await panelServer();
    await signedInEarlier(server, moderator);
    await reportedComment(server, { text: 'Текст комментария' });
    const panel = openPanel(server);
    unmount = panel.unmount;
    const { root } = panel;
    await until(() => button(root, 'Журнал действий'));
    // Half an hour without a request: the server lets the session lapse.
    server.clock.advance(ADMIN_SESSION_IDLE_MS + 1);
    button(root, 'Журнал действий').click();
    await until(() => expect(alerts(root)).toEqual(['Сеанс завершён. Пожалуйста, войдите снова.']));
    expect(root.querySelector('h1')?.textContent).toBe('Вход для модераторов');
  });

  it('speaks Kazakh or English when asked, Russian otherwise', async () => {
    expect(pickLanguage('?lang=kk', 'ru')).toBe('kk');
    expect(pickLanguage('', 'en-GB')).toBe('en');
    expect(pickLanguage('?lang=de', 'fr')).toBe('ru');
    const panel = openPanel(await panelServer(), 'kk');
    unmount = panel.unmount;
    const { root } = panel;
    await until(() => expect(root.querySelector('h1')?.textContent).toBe('Модераторларға арналған кіру'));
    expect(document.documentElement.lang).toBe('kk');
    expect(document.title).toBe('Pikir — пікірлерді модерациялау');
  });
});
