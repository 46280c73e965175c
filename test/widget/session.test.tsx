// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession, revokeUserSessions } from '../../server/auth/sessions.ts';
import type { WidgetApi } from '../../widget/app/api.ts';
import { createSessionStore } from '../../widget/app/state/session.ts';
import { createTokenStore } from '../../widget/app/state/token.ts';
import { seedAccount } from '../helpers/seed.ts';
import { SITE } from '../helpers/test-app.ts';
import {
  authPath,
  button,
  click,
  field,
  MemoryStorage,
  type Rendered,
  renderApp,
  sessionOwner,
  settle,
  submit,
  type,
  type WidgetServer,
  widgetServer,
  widgetStores,
} from '../helpers/widget.tsx';

const KEY = `pikir:session:${SITE}`;
let server: WidgetServer;
let storage: MemoryStorage;
let ui: Rendered | undefined;
let reader: string;

/** A live session of the account, as if signed in on an earlier page view. */
const earlierSession = () => createSession(server.db, reader, SITE, server.clock.now());

beforeEach(async () => {
  server = await widgetServer();
  storage = new MemoryStorage();
  reader = await seedAccount(server.db, { contact: '+77011234567', name: 'Айгерим', password: 'secret12' });
});
afterEach(async () => {
  await ui?.unmount();
  ui = undefined;
});

describe('session on the reading path', () => {
  it('shows anonymous readers only the light prompt, and loads the sign-in form when asked', async () => {
    ui = await renderApp(await widgetStores(server, { storage }));
    expect(ui.$('.prompt').textContent).toContain('Авторизуйтесь, чтобы отправить комментарий');
    expect(ui.text()).toContain('Новый пользователь? Регистрация');
    expect(ui.$$('form')).toHaveLength(0);
    expect(server.requests).toHaveLength(0);

    await click(button(ui, 'Войти'));
    await vi.waitFor(() => expect(ui!.$$('form')).toHaveLength(1));
    expect(ui.$('h3').textContent).toBe('Авторизуйтесь, чтобы отправить комментарий');
    expect(ui.$$('.prompt')).toHaveLength(0);

    await click(button(ui, '×'));
    expect(ui.$$('form')).toHaveLength(0);
    expect(ui.root.activeElement).toBe(button(ui, 'Войти'));

    await click(button(ui, 'Новый пользователь? Регистрация'));
    await vi.waitFor(() =>
      expect(ui!.$('h3').textContent).toBe('Вам необходимо пройти регистрацию, чтобы отправить комментарий'),
    );
  });

  it('signs in through the prompt and shows the signed-in bar with the thanks', async () => {
    ui = await renderApp(await widgetStores(server, { storage }));
    await click(button(ui, 'Войти'));
    await vi.waitFor(() => expect(ui!.$$('form')).toHaveLength(1));
    await type(field(ui, 'Номер сотового телефона'), '+77011234567');
    await type(field(ui, 'Пароль'), 'secret12');
    await submit(field(ui, 'Пароль'));
    expect(ui.$('.signed-in').textContent).toBe('Вы вошли как АйгеримУведомленияМой аккаунтВыйти');
    expect(ui.text()).toContain('Спасибо, что авторизовались');
    expect(await sessionOwner(server, storage.getItem(KEY))).toBe('Айгерим');
  });

  it('restores a stored token through /me: a reload keeps the reader signed in', async () => {
    storage.setItem(KEY, await earlierSession());
    const stores = await widgetStores(server, { storage });
    ui = await renderApp(stores);
    await stores.session.restore();
    await settle();
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      path: authPath('/me'),
      authorization: `Bearer ${storage.getItem(KEY)}`,
    });
    expect(ui.$('.signed-in').textContent).toContain('Айгерим');
    expect(ui.$$('.prompt')).toHaveLength(0);
  });

  it('forgets a token the server no longer knows (401) and offers the sign-in again', async () => {
    storage.setItem(KEY, 'token-ended-elsewhere-abcdefghijklmnop');
    const stores = await widgetStores(server, { storage });
    ui = await renderApp(stores);
    await stores.session.restore();
    await settle();
    expect(storage.getItem(KEY)).toBeNull();
    expect(stores.session.reader.value).toBeNull();
    expect(ui.$('.prompt')).toBeTruthy();
  });

  it('keeps the token when the server cannot be reached, for the next page view', async () => {
    storage.setItem(KEY, await earlierSession());
    server.failNextRequestTo(authPath('/me'));
    const stores = await widgetStores(server, { storage });
    await stores.session.restore();
    expect(storage.getItem(KEY)).toBeTruthy();
    expect(stores.session.reader.value).toBeNull();
  });

  it('signs out: ends the session on the server, then forgets the token', async () => {
    const token = await earlierSession();
    storage.setItem(KEY, token);
    const stores = await widgetStores(server, { storage });
    ui = await renderApp(stores);
    await stores.session.restore();
    await settle();
    await click(button(ui, 'Выйти'));
    expect(server.requests.filter((r) => r.method !== 'GET').at(-1)).toMatchObject({
      method: 'POST',
      path: authPath('/logout'),
      authorization: `Bearer ${token}`,
    });
    expect(await sessionOwner(server, token)).toBeNull();
    expect(storage.getItem(KEY)).toBeNull();
    expect(ui.$$('.signed-in')).toHaveLength(0);
    expect(ui.root.activeElement).toBe(button(ui, 'Войти'));
  });

  it('signs out here when the server cannot be reached, and ends the session there later', async () => {
    const token = await earlierSession();
    storage.setItem(KEY, token);
    const stores = await widgetStores(server, { storage });
    await stores.session.restore();
    server.failNextRequestTo(authPath('/logout'));
    await stores.session.signOut();
    expect(storage.getItem(KEY)).toBeNull();
    expect(stores.session.reader.value).toBeNull();
    // The server's copy is kept alive no longer than the next try.
    expect(storage.getItem(`pikir:signout:${SITE}`)).toBe(token);
    expect(await sessionOwner(server, token)).toBe('Айгерим');
    await stores.session.retrySignOut();
    expect(await sessionOwner(server, token)).toBeNull();
    expect(storage.getItem(`pikir:signout:${SITE}`)).toBeNull();
  });

  it('parks the token before the sign-out is sent: a page closed before the answer loses nothing', async () => {
    const token = await earlierSession();
    storage.setItem(KEY, token);
    const stores = await widgetStores(server, { storage });
    await stores.session.restore();
    const signingOut = stores.session.signOut();
    expect(storage.getItem(KEY)).toBeNull();
    expect(storage.getItem(`pikir:signout:${SITE}`)).toBe(token);
    await signingOut;
    expect(await sessionOwner(server, token)).toBeNull();
    expect(storage.getItem(`pikir:signout:${SITE}`)).toBeNull();
  });

  it('keeps a second sign-out parked when the first one is answered after it', async () => {
    const tokens = createTokenStore(SITE, storage);
    const sent: string[] = [];
    let answer!: () => void;
    const revoke = (token: string) => {
      sent.push(token);
      return new Promise<void>((resolve) => {
        answer = resolve;
      });
    };
    const session = createSessionStore({} as WidgetApi, tokens, revoke);
    tokens.save('first');
    const first = session.signOut();
    tokens.save('second');
    // Returns at once: one sign-out goes at a time; this one waits in the parking slot.
    await session.signOut();
    answer();
    await first;
    expect(sent).toEqual(['first']);
    expect(storage.getItem(`pikir:signout:${SITE}`)).toBe('second');
  });

  it('clears the session on a 401 to any signed-in request', async () => {
    const token = await earlierSession();
    storage.setItem(KEY, token);
    const stores = await widgetStores(server, { storage });
    await stores.session.restore();
    expect(stores.session.reader.value?.name).toBe('Айгерим');
    // A password change elsewhere ends every session of the account.
    await revokeUserSessions(server.db, reader);
    await expect(stores.api.call('POST /api/sites/:site/auth/logout')).rejects.toMatchObject({
      code: 'unauthorized',
    });
    expect(storage.getItem(KEY)).toBeNull();
    expect(stores.session.reader.value).toBeNull();
  });

  it('works without localStorage: the token lives for this page view only', async () => {
    const blocked = {
      getItem() {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem() {
        throw new DOMException('blocked', 'SecurityError');
      },
      removeItem() {
        throw new DOMException('blocked', 'SecurityError');
      },
    } as unknown as Storage;
    const tokens = createTokenStore(SITE, blocked);
    expect(tokens.token.value).toBeNull();
    tokens.save('abc');
    expect(tokens.token.value).toBe('abc');
    tokens.clear();
    expect(tokens.token.value).toBeNull();
    expect(createTokenStore(SITE, null).token.value).toBeNull();
  });

  it('keeps tokens per site under a pikir: key', () => {
    createTokenStore('news', storage).save('one');
    createTokenStore('other', storage).save('two');
    expect(storage.getItem('pikir:session:news')).toBe('one');
    expect(storage.getItem('pikir:session:other')).toBe('two');
  });
});
