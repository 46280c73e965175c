// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthPanel, type AuthStart } from '../../widget/app/components/auth/auth-panel.tsx';
import { StepHeading } from '../../widget/app/components/auth/step-heading.tsx';
import { paths, post } from '../helpers/auth-client.ts';
import { seedAccount } from '../helpers/seed.ts';
import { SITE } from '../helpers/test-app.ts';
import {
  authPath,
  button,
  click,
  field,
  press,
  type Rendered,
  renderBeforeEffects,
  renderInShadow,
  sessionOwner,
  submit,
  type,
  type WidgetServer,
  widgetServer,
  widgetStores,
} from '../helpers/widget.tsx';

let server: WidgetServer;
let stores: Awaited<ReturnType<typeof widgetStores>>;
let ui: Rendered;

async function openPanel(start: AuthStart = 'signIn', lang = 'ru') {
  ui = await renderInShadow(
    <AuthPanel
      start={start}
      api={stores.api}
      session={stores.session}
      defaultCountry="KZ"
      onClose={() => {}}
    />,
    lang,
  );
}

beforeEach(async () => {
  server = await widgetServer();
  stores = await widgetStores(server);
});
afterEach(() => ui?.unmount());

describe('sign-in form', () => {
  it('shows the customer texts, a labelled phone field and moves focus to its title', async () => {
    await openPanel();
    const title = ui.$('h3');
    expect(title.textContent).toBe('Авторизуйтесь, чтобы отправить комментарий');
    expect(ui.root.activeElement).toBe(title);
    const phone = field(ui, 'Номер сотового телефона');
    expect(phone.type).toBe('tel');
    expect(phone.autocomplete).toBe('tel');
    const password = field(ui, 'Пароль');
    expect(password.type).toBe('password');
    expect(password.autocomplete).toBe('current-password');
    expect(ui.text()).toContain('Новый пользователь? Регистрация');
    expect(ui.text()).toContain('Сменить пароль');
  });

  it('switches between phone and email with a proper tablist, by click and by arrow keys', async () => {
    await openPanel();
    const tabs = ui.$$('[role="tab"]');
    expect(ui.$('[role="tablist"]')).toBeTruthy();
    expect(tabs.map((t) => t.textContent)).toEqual(['По телефону', 'По эл. почте']);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false']);
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1]);

    await click(tabs[1]!);
    expect(ui.$$('[role="tab"]').map((t) => t.getAttribute('aria-selected'))).toEqual(['false', 'true']);
    const email = field(ui, 'Эл. почта');
    expect(email.type).toBe('email');
    expect(email.autocomplete).toBe('email');
    expect(ui.$('[role="tabpanel"]').getAttribute('aria-labelledby')).toBe(tabs[1]!.id);

    await press(ui.$$('[role="tab"]')[1]!, 'ArrowLeft');
    expect(ui.$$('[role="tab"]')[0]!.getAttribute('aria-selected')).toBe('true');
    expect(ui.root.activeElement).toBe(ui.$$('[role="tab"]')[0]);
    expect(field(ui, 'Номер сотового телефона').type).toBe('tel');
    await press(ui.$$('[role="tab"]')[0]!, 'End');
    expect(ui.$$('[role="tab"]')[1]!.getAttribute('aria-selected')).toBe('true');
  });

  it('formats a Kazakh number as it is typed', async () => {
    await openPanel();
    const phone = field(ui, 'Номер сотового телефона');
    await type(phone, '8701');
    expect(phone.value).toBe('8 (701)');
    await type(phone, '8 (701)1234567');
    expect(phone.value).toBe('8 (701) 123 4567');
    await type(phone, '+77011234567');
    expect(phone.value).toBe('+7 701 123 4567');
    // A deletion is left alone, or the bracket just deleted would come straight back.
    await type(phone, '8 (701', 'deleteContentBackward');
    expect(phone.value).toBe('8 (701');
  });

  it('signs in, stores the token and thanks the reader', async () => {
    await seedAccount(server.db, { contact: '+77011234567', name: 'Айгерим', password: 'secret12' });
    await openPanel();
    await type(field(ui, 'Номер сотового телефона'), '87011234567');
    await type(field(ui, 'Пароль'), 'secret12');
    await submit(field(ui, 'Пароль'));
    expect(server.requests.filter((r) => r.method !== 'GET').at(-1)).toMatchObject({
      method: 'POST',
      path: authPath('/login'),
      body: { channel: 'phone', contact: '8 (701) 123 4567', password: 'secret12' },
    });
    expect(ui.$('h3').textContent).toBe('Спасибо, что авторизовались');
    expect(ui.text()).toContain('Теперь вы можете оставлять комментарии.');
    expect(ui.root.activeElement).toBe(ui.$('h3'));
    expect(stores.session.reader.value?.name).toBe('Айгерим');
    expect(await sessionOwner(server, stores.storage?.getItem(`pikir:session:${SITE}`) ?? null)).toBe(
      'Айгерим',
    );
  });

  it('announces a refusal in Russian and keeps what was typed', async () => {
    await seedAccount(server.db, { contact: 'reader@mail.kz', name: 'Reader', password: 'secret12' });
    await openPanel();
    await click(ui.$$('[role="tab"]')[1]!);
    await type(field(ui, 'Эл. почта'), 'reader@mail.kz');
    await type(field(ui, 'Пароль'), 'wrong1');
    await submit(field(ui, 'Пароль'));
    const alert = ui.$('[role="alert"]');
    expect(alert.textContent).toBe('Неверный номер телефона, email или пароль.');
    expect(field(ui, 'Эл. почта').value).toBe('reader@mail.kz');
    expect(field(ui, 'Пароль').value).toBe('wrong1');
    expect(stores.session.reader.value).toBeNull();
  });

  it('counts down the seconds of a rate limit in the reader language', async () => {
    // Five wrong tries for a contact make the next one wait 30 seconds.
    for (let i = 0; i < 5; i++) {
      const wrong = { channel: 'phone', contact: '+77011234567', password: 'wrong1' };
      expect((await post(server.app, paths.login, wrong)).status).toBe(401);
    }
    await openPanel('signIn', 'en');
    await type(field(ui, 'Mobile phone number'), '+77011234567');
    await type(field(ui, 'Password'), 'secret12');
    await submit(field(ui, 'Password'));
    // Seen: the live count; heard: the sentence as it was announced.
    const alert = ui.$('[role="alert"]');
    expect(alert.querySelector('[aria-hidden="true"]')?.textContent).toBe('You can try again in 30 seconds.');
    expect(alert.querySelector('.visually-hidden')?.textContent).toBe('You can try again in 30 seconds.');
    expect(alert.firstChild?.textContent).toBe('Too many attempts. Please wait a little and try again.');
    // Until the count ends the form waits: a second submit sends nothing.
    const sent = server.requests.length;
    expect(button(ui, 'Sign in').getAttribute('aria-disabled')).toBe('true');
    await submit(field(ui, 'Password'));
    expect(server.requests.length).toBe(sent);
  });

  it('announces a network failure in the reader language', async () => {
    await openPanel('signIn', 'en');
    await type(field(ui, 'Mobile phone number'), '+77011234567');
    await type(field(ui, 'Password'), 'secret12');
    server.failNextRequestTo(authPath('/login'));
    await submit(field(ui, 'Password'));
    expect(ui.$('[role="alert"]').textContent).toBe(
      'No connection to the comments server. Please check your connection.',
    );
  });

  it('checks the contact before asking the server', async () => {
    await openPanel();
    await type(field(ui, 'Номер сотового телефона'), '8701');
    await type(field(ui, 'Пароль'), 'secret12');
    await submit(field(ui, 'Пароль'));
    expect(server.requests).toHaveLength(0);
    expect(ui.$('[role="alert"]').textContent).toBe('Введите правильный номер телефона или email.');
    expect(field(ui, 'Номер сотового телефона').getAttribute('aria-invalid')).toBe('true');
  });

  it('sends one request however often the reader presses Enter, and shows it is busy', async () => {
    await seedAccount(server.db, { contact: '+77011234567', name: 'Айгерим', password: 'secret12' });
    await openPanel();
    await type(field(ui, 'Номер сотового телефона'), '+77011234567');
    await type(field(ui, 'Пароль'), 'secret12');
    const form = field(ui, 'Пароль').closest('form')!;
    form.requestSubmit();
    form.requestSubmit();
    form.requestSubmit();
    await submit(form);
    expect(server.requests.filter((r) => r.path === authPath('/login'))).toHaveLength(1);
  });

  it('marks the submit button busy while the request runs', async () => {
    // The server's answer (no such account) is held back until the test lets it through.
    let answer: () => void = () => {};
    const slow: typeof fetch = (input, init) =>
      new Promise((resolve) => {
        answer = () => resolve(server.fetch(input, init));
      });
    stores = await widgetStores(server, { fetch: slow });
    await openPanel();
    await type(field(ui, 'Номер сотового телефона'), '+77011234567');
    await type(field(ui, 'Пароль'), 'secret12');
    await submit(field(ui, 'Пароль'));
    const busy = ui.$('button[type="submit"]');
    expect(busy.getAttribute('aria-busy')).toBe('true');
    expect(busy.textContent).toBe('Подождите…');
    answer();
    await submit(ui.$('form'));
    expect(ui.$('button[type="submit"]').textContent).toBe('Войти');
  });

  it('leads to registration and to the password change', async () => {
    await openPanel();
    await click(button(ui, 'Новый пользователь? Регистрация'));
    expect(ui.$('h3').textContent).toBe('Вам необходимо пройти регистрацию, чтобы отправить комментарий');
    await click(button(ui, 'Уже есть аккаунт? Вход'));
    await click(button(ui, 'Сменить пароль'));
    expect(ui.$('h3').textContent).toBe('Сменить пароль');
    expect(ui.text()).toContain('Введите номер своего сотового телефона/email для смены пароля');
  });
});

describe('Esc on a panel just shown', () => {
  it('closes it, though the passive effects of the commit that showed it have not run yet', () => {
    let closed = 0;
    const { root, unmount } = renderBeforeEffects(
      <AuthPanel
        start="register"
        api={stores.api}
        session={stores.session}
        defaultCountry="KZ"
        onClose={() => closed++}
      />,
    );
    const focused = root.activeElement;
    expect(focused?.closest('.auth')).toBeTruthy();
    focused!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(closed).toBe(1);
    unmount();
  });
});

describe("a step's title", () => {
  it('has the focus in the same task that shows the step, so an Esc pressed at once reaches the panel', () => {
    const { root, unmount } = renderBeforeEffects(<StepHeading id="step">Сменить пароль</StepHeading>);
    expect(root.activeElement).toBe(root.querySelector('h3#step'));
    unmount();
  });
});
