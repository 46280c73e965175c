// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthPanel } from '../../widget/app/components/auth/auth-panel.tsx';
import { paths, post } from '../helpers/auth-client.ts';
import { SITE } from '../helpers/test-app.ts';
import {
  authPath,
  button,
  click,
  field,
  type Rendered,
  renderInShadow,
  settle,
  submit,
  type,
  type WidgetServer,
  widgetServer,
  widgetStores,
} from '../helpers/widget.tsx';

const PHONE = '+77011234567';
let server: WidgetServer;
let stores: Awaited<ReturnType<typeof widgetStores>>;
let ui: Rendered;

async function openRegister(lang = 'ru') {
  ui = await renderInShadow(
    <AuthPanel
      start="register"
      api={stores.api}
      session={stores.session}
      defaultCountry="KZ"
      onClose={() => {}}
    />,
    lang,
  );
}

/** Fills the registration form and sends it; the code step follows. */
async function registerByPhone(
  labels = { name: 'Ваше имя', phone: 'Номер сотового телефона', password: 'Пароль' },
) {
  await type(field(ui, labels.name), 'Айгерим');
  await type(field(ui, labels.phone), '87011234567');
  await type(field(ui, labels.password), 'tulpar2026');
  await submit(field(ui, labels.password));
}

const resendText = () => ui.$('.resend-wait').textContent;
/** Time passes for the widget's timers and the server's clock alike. */
const tick = async (ms: number) => {
  server.clock.advance(ms);
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
};

beforeEach(async () => {
  vi.useFakeTimers();
  server = await widgetServer();
  stores = await widgetStores(server);
});
afterEach(async () => {
  await ui?.unmount();
  vi.useRealTimers();
});

describe('registration', () => {
  it('shows the password rule under the field and checks it as the reader types', async () => {
    await openRegister();
    const password = field(ui, 'Пароль');
    expect(password.autocomplete).toBe('new-password');
    const rule = ui.$('.rule');
    expect(rule.textContent).toBe(
      'Пароль должен содержать не менее 6 символов. Допустимо использование латинских букв и цифр.',
    );
    expect(password.getAttribute('aria-describedby')).toContain(rule.id);
    expect(rule.dataset.state).toBe('idle');
    await type(password, 'abc');
    expect(ui.$('.rule').dataset.state).toBe('bad');
    await type(password, 'abc123');
    expect(ui.$('.rule').dataset.state).toBe('ok');
    await type(password, 'пароль123');
    expect(ui.$('.rule').dataset.state).toBe('bad');
    expect(field(ui, 'Ваше имя').autocomplete).toBe('name');
  });

  it('refuses a password that breaks the rule before asking the server', async () => {
    await openRegister();
    await type(field(ui, 'Ваше имя'), 'Айгерим');
    await type(field(ui, 'Номер сотового телефона'), '87011234567');
    await type(field(ui, 'Пароль'), 'abc');
    await submit(field(ui, 'Пароль'));
    expect(server.requests).toHaveLength(0);
    expect(ui.$('[role="alert"]').textContent).toContain('Пароль должен содержать не менее 6 символов.');
    expect(field(ui, 'Пароль').getAttribute('aria-invalid')).toBe('true');
  });

  it('asks for the SMS code and counts the 59 seconds down, one a second', async () => {
    await openRegister();
    await registerByPhone();
    expect(server.requests.at(-1)).toMatchObject({
      path: authPath('/register'),
      body: {
        channel: 'phone',
        contact: '8 (701) 123 4567',
        name: 'Айгерим',
        password: 'tulpar2026',
        lang: 'ru',
      },
    });
    expect(ui.$('h3').textContent).toBe('Введите код доступа из SMS-сообщения');
    expect(ui.root.activeElement).toBe(ui.$('h3'));
    expect(ui.text()).toContain(
      'Мы отправили вам код доступа. Если по каким-то причинам вы не получили SMS, вы можете отправить его еще раз.',
    );
    const code = field(ui, 'Код доступа');
    expect(code.inputMode).toBe('numeric');
    expect(code.autocomplete).toBe('one-time-code');

    expect(resendText()).toBe('Отправить код повторно ( 59 секунд )');
    await tick(1000);
    expect(resendText()).toBe('Отправить код повторно ( 58 секунд )');
    await tick(37_000);
    expect(resendText()).toBe('Отправить код повторно ( 21 секунда )');
    await tick(19_000);
    expect(resendText()).toBe('Отправить код повторно ( 2 секунды )');
    expect(ui.$$('button').some((b) => b.textContent === 'Отправить код повторно')).toBe(false);
    await tick(2000);
    expect(ui.$$('.resend-wait')).toHaveLength(0);

    const sends = server.requests.length;
    await click(button(ui, 'Отправить код повторно'));
    expect(server.requests.length).toBe(sends + 1);
    expect(server.requests.at(-1)).toMatchObject({
      path: authPath('/code/resend'),
      body: { purpose: 'register', channel: 'phone', contact: '8 (701) 123 4567', lang: 'ru' },
    });
    expect(resendText()).toBe('Отправить код повторно ( 59 секунд )');
    expect(ui.root.activeElement).toBe(field(ui, 'Код доступа'));
  });

  it("counts the server's seconds when it refuses a resend", async () => {
    // Four codes went to this phone 55 minutes ago, a minute apart; with the form's, that is the
    // five an hour allows, so a resend a minute later must wait until the first is an hour old.
    const start = server.clock.now();
    for (let i = 0; i < 4; i++) {
      server.clock.set(start - 3301_000 + i * 60_000);
      const earlier = { channel: 'phone', contact: PHONE, name: 'Айгерим', password: 'tulpar2026' };
      expect((await post(server.app, paths.registerStart, earlier)).status).toBe(202);
    }
    server.clock.set(start);
    await openRegister();
    await registerByPhone();
    await tick(59_000);
    await click(button(ui, 'Отправить код повторно'));
    expect(resendText()).toBe('Отправить код повторно ( 240 секунд )');
    // The resend line counts the server's seconds; the error names no second number.
    expect(ui.$('[role="alert"]').textContent).toBe(
      'Слишком много попыток. Подождите немного и попробуйте снова.',
    );
    await tick(1000);
    expect(resendText()).toBe('Отправить код повторно ( 239 секунд )');
  });

  it('confirms the code and leaves the reader signed in', async () => {
    await openRegister();
    await registerByPhone();
    const code = server.messages.lastCode(PHONE);
    const wrong = code === '000000' ? '000001' : '000000';
    await type(field(ui, 'Код доступа'), wrong);
    await submit(field(ui, 'Код доступа'));
    expect(ui.$('[role="alert"]').textContent).toBe('Код неверный или устарел. Запросите новый.');
    expect(field(ui, 'Код доступа').value).toBe(wrong);
    await type(field(ui, 'Код доступа'), code);
    await submit(field(ui, 'Код доступа'));
    expect(ui.$('h3').textContent).toBe('Вы зарегистрированы');
    expect(ui.text()).toContain('Теперь вы можете оставлять комментарии к материалам портала');
    expect(stores.session.reader.value).toMatchObject({ name: 'Айгерим' });
    expect(stores.storage?.getItem(`pikir:session:${SITE}`)).toBeTruthy();
    // The countdown of a finished step must not keep a timer alive.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('speaks of the email, not the SMS, on the email tab', async () => {
    await openRegister();
    await click(ui.$$('[role="tab"]')[1]!);
    await type(field(ui, 'Ваше имя'), 'Reader');
    await type(field(ui, 'Эл. почта'), 'reader@mail.kz');
    await type(field(ui, 'Пароль'), 'tulpar2026');
    await submit(field(ui, 'Пароль'));
    expect(ui.$('h3').textContent).toBe("Введите код доступа из Email'а");
    expect(ui.text()).toContain('если по каким-то причинам вы не получили Email'.slice(1));
  });

  it('counts in Kazakh and English with their own plural forms', async () => {
    await openRegister('en');
    await registerByPhone({ name: 'Your name', phone: 'Mobile phone number', password: 'Password' });
    expect(ui.$('h3').textContent).toBe('Enter the access code from the SMS');
    expect(resendText()).toBe('Send the code again (59 seconds)');
    await tick(58_000);
    expect(resendText()).toBe('Send the code again (1 second)');
    await ui.unmount();

    server = await widgetServer();
    stores = await widgetStores(server);
    await openRegister('kk');
    await registerByPhone({ name: 'Атыңыз', phone: 'Ұялы телефон нөмірі', password: 'Құпиясөз' });
    expect(resendText()).toBe('Кодты қайта жіберу (59 секунд)');
  });

  it('goes back from the code step to the form with everything still typed', async () => {
    await openRegister();
    await registerByPhone();
    await click(button(ui, 'Назад'));
    expect(field(ui, 'Ваше имя').value).toBe('Айгерим');
    expect(field(ui, 'Номер сотового телефона').value).toBe('8 (701) 123 4567');
    expect(vi.getTimerCount()).toBe(0);
  });
});
