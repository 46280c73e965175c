// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addHit } from '../../server/storage/rate-counters.ts';
import { AuthPanel } from '../../widget/app/components/auth/auth-panel.tsx';
import {
  authPath,
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

/** Many SMS sign-ups to Kazakhstan in the last minutes: the country's scope runs hot. */
async function heatCountry() {
  const window = { key: 'send:country:KZ:phone:register|10m', windowMs: 10 * 60_000, sharded: true };
  for (let i = 0; i < 30; i++) await addHit(server.db, window, server.clock.now());
}

async function registerByPhone(phone = '87011234567') {
  await type(field(ui, 'Ваше имя'), 'Айгерим');
  await type(field(ui, 'Номер сотового телефона'), phone);
  await type(field(ui, 'Пароль'), 'tulpar2026');
  await submit(field(ui, 'Пароль'));
  await until(() => ui.text().includes('Введите код'));
}

/** The solver is a chunk of its own working on Web Crypto: its import and work take real time. */
async function until(done: () => boolean) {
  for (let i = 0; i < 500 && !done(); i++) {
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await settle();
}

beforeEach(async () => {
  server = await widgetServer();
  stores = await widgetStores(server);
});
afterEach(async () => {
  await ui?.unmount();
});

describe('a sign-up in a scope that runs hot', () => {
  it('solves the challenge by itself and repeats the request with the proof; the code goes out', async () => {
    await heatCountry();
    await openRegister();
    await registerByPhone();
    const registers = server.requests.filter((r) => r.path === authPath('/register'));
    expect(registers).toHaveLength(2);
    expect((registers[0]!.answer as { error: { code: string } }).error.code).toBe('challenge_required');
    expect(registers[1]!.body).toMatchObject({ contact: '8 (701) 123 4567', proof: expect.any(String) });
    expect(ui.$('h3').textContent).toBe('Введите код доступа из SMS-сообщения');
    expect(server.messages.to('+77011234567')).toHaveLength(1);
  });

  it('says so in a live region while the browser works, and asks nothing of the reader', async () => {
    await heatCountry();
    await openRegister();
    const status = ui.$('[role="status"].proof-status');
    expect(status.textContent).toBe('');
    await type(field(ui, 'Ваше имя'), 'Айгерим');
    await type(field(ui, 'Номер сотового телефона'), '87011234567');
    await type(field(ui, 'Пароль'), 'tulpar2026');
    const texts: string[] = [];
    const observer = new MutationObserver(() => texts.push(status.textContent ?? ''));
    observer.observe(status, { childList: true, characterData: true, subtree: true });
    await submit(field(ui, 'Пароль'));
    await until(() => ui.text().includes('Введите код'));
    observer.disconnect();
    expect(texts).toContain('Проверяем, что вы не робот…');
    expect(ui.$$('[role="alert"]')).toHaveLength(0);
  });

  it('asks nothing of a reader outside the hot scope: email sign-up goes straight through', async () => {
    await heatCountry();
    await openRegister('en');
    await type(field(ui, 'Your name'), 'Aigerim');
    const tabs = ui.$$('[role="tab"]');
    tabs.find((tab) => tab.textContent === 'By email')!.click();
    await settle();
    await type(field(ui, 'Email'), 'aigerim@mail.kz');
    await type(field(ui, 'Password'), 'tulpar2026');
    await submit(field(ui, 'Password'));
    await settle();
    expect(server.requests.filter((r) => r.path === authPath('/register'))).toHaveLength(1);
    expect(ui.$('h3').textContent).toBe('Enter the verification code we emailed you');
  });

  it('shows why in the reader’s language when the challenge cannot be answered', async () => {
    await heatCountry();
    await openRegister('kk');
    // A proof the server cannot accept: the challenge's signature is broken on the way.
    const original = stores.api.call.bind(stores.api);
    let first = true;
    stores.api.call = (async (key: string, input: { body: { proof?: string } }) => {
      if (input.body.proof && first) {
        first = false;
        input = { ...input, body: { ...input.body, proof: btoa('{}') } };
      }
      return original(key as never, input as never);
    }) as typeof stores.api.call;
    await type(field(ui, 'Атыңыз'), 'Айгерим');
    await type(field(ui, 'Ұялы телефон нөмірі'), '87011234567');
    await type(field(ui, 'Құпиясөз'), 'tulpar2026');
    await submit(field(ui, 'Құпиясөз'));
    await until(() => ui.$$('[role="alert"]').length > 0);
    expect(ui.$('[role="alert"]').textContent).toBe('Робот емес екеніңізді растаңыз.');
    expect(server.messages.sent).toHaveLength(0);
  });
});
