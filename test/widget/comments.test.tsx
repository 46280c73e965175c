// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import { randomId } from '../../server/ids.ts';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import { insertBan } from '../../server/storage/bans.ts';
import { getComment } from '../../server/storage/comments.ts';
import { Composer } from '../../widget/app/components/thread/composer.tsx';
import { loadForms } from '../../widget/app/components/thread/forms.tsx';
import { Thread } from '../../widget/app/components/thread/thread.tsx';
import { ThreadContext } from '../../widget/app/components/thread/thread-context.ts';
import { post } from '../../widget/app/state/comment-writes.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { SITE } from '../helpers/test-app.ts';
import {
  button,
  click,
  MemoryStorage,
  type Rendered,
  renderApp,
  renderInShadow,
  settle,
  type WidgetServer,
  widgetServer,
  widgetStores,
} from '../helpers/widget.tsx';

let ui: Rendered | undefined;
// The forms' chunk as the widget prefetches it after the first paint (forms.test.tsx: before it).
beforeAll(() => loadForms());
afterEach(async () => {
  await ui?.unmount();
  ui = undefined;
});

/** The widget of a reader signed in as `name` (on an earlier page view), the thread loaded. */
async function signedInWidget(server: WidgetServer, name: string) {
  const reader = await seedUser(server.db, name);
  const storage = new MemoryStorage();
  storage.setItem(`pikir:session:${SITE}`, await createSession(server.db, reader, SITE, server.clock.now()));
  const stores = await widgetStores(server, { storage });
  await stores.session.restore();
  await settle();
  return { reader, stores };
}

async function typeText(field: HTMLTextAreaElement, value: string) {
  await act(() => {
    field.value = value;
    field.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
}

async function ctrlEnter(field: HTMLTextAreaElement) {
  await act(() => {
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
  });
  await settle();
}

describe('comment form', () => {
  it('sends with Ctrl+Enter and empties itself once the server took the text', async () => {
    const { stores } = await signedInWidget(await widgetServer(), 'Динара');
    const onSubmit = vi.fn((text: string) => post(stores.context.actions, text));
    ui = await renderInShadow(<Composer max={5000} onSubmit={onSubmit} />);
    const field = ui.$<HTMLTextAreaElement>('textarea');
    await typeText(field, 'Согласен с автором');
    await ctrlEnter(field);
    expect(onSubmit).toHaveBeenCalledWith('Согласен с автором');
    expect(field.value).toBe('');
  });

  it('keeps the typed text and says why when the send fails, with a ban’s end date', async () => {
    const server = await widgetServer();
    const { reader, stores } = await signedInWidget(server, 'Динара');
    const ban = { id: randomId(), siteId: SITE, userId: reader, reason: 'спам' };
    const until = Date.UTC(2026, 11, 1, 9, 30);
    const actorId = await seedUser(server.db, 'Модератор');
    await insertBan(server.db, { ...ban, until, actorId }, server.clock.now());
    const onSubmit = (text: string) => post(stores.context.actions, text);
    ui = await renderInShadow(<Composer max={5000} onSubmit={onSubmit} />);
    const field = ui.$<HTMLTextAreaElement>('textarea');
    await typeText(field, 'Ещё раз');
    await click(button(ui, 'Отправить'));
    expect(field.value).toBe('Ещё раз');
    const alert = ui.$('[role="alert"]').textContent ?? '';
    expect(alert).toMatch(/^Вы не можете оставлять комментарии на этом сайте до 1 декабря 2026/);
    expect(alert).toContain('Причина: спам');
  });

  it('shows a banned reader, instead of the form, until when and why, and the form once it ends', async () => {
    const server = await widgetServer();
    const reader = await seedUser(server.db, 'Динара');
    const actorId = await seedUser(server.db, 'Модератор');
    const until = Date.UTC(2026, 11, 12, 9, 30);
    await insertBan(
      server.db,
      { id: randomId(), siteId: SITE, userId: reader, until, reason: 'спам', actorId },
      server.clock.now(),
    );
    const storage = new MemoryStorage();
    storage.setItem(
      `pikir:session:${SITE}`,
      await createSession(server.db, reader, SITE, server.clock.now()),
    );
    const stores = await widgetStores(server, { storage });
    await stores.session.restore();
    await settle();
    ui = await renderApp(stores);
    expect(ui.root.querySelector('textarea')).toBeNull();
    const notice = ui.$('.notice.ban').textContent ?? '';
    expect(notice).toMatch(/^Вы не можете оставлять комментарии на этом сайте до 12 декабря 2026/);
    expect(notice).toContain('Причина: спам');

    server.clock.set(until);
    await act(() => stores.thread.reload());
    await settle();
    expect(ui.root.querySelector('.notice.ban')).toBeNull();
    expect(ui.$('textarea')).toBeTruthy();
  });

  it('words a permanent ban in the reader’s language', async () => {
    const server = await widgetServer();
    const reader = await seedUser(server.db, 'Dana');
    await insertBan(
      server.db,
      { id: randomId(), siteId: SITE, userId: reader, until: null, reason: 'spam', actorId: reader },
      server.clock.now(),
    );
    const storage = new MemoryStorage();
    storage.setItem(
      `pikir:session:${SITE}`,
      await createSession(server.db, reader, SITE, server.clock.now()),
    );
    const stores = await widgetStores(server, { storage });
    await stores.session.restore();
    await settle();
    ui = await renderApp(stores, 'en');
    expect(ui.$('.notice.ban').textContent).toBe('You cannot post comments on this site. Reason: spam');
    expect(ui.root.querySelector('textarea')).toBeNull();
  });

  it('lets a site admin hide a comment and show it again, the count following', async () => {
    const server = await widgetServer();
    const author = await seedUser(server.db, 'Автор');
    const id = await seedComment(server.db, {
      siteId: SITE,
      pageKey: 'a',
      authorId: author,
      at: 1,
      text: 'Мнение',
    });
    const admin = await seedUser(server.db, 'Модератор');
    await server.db.updateTable('users').set({ email: 'mod@news.kz' }).where('id', '=', admin).execute();
    await addSiteAdmin(server.db, SITE, 'mod@news.kz', 0);
    const storage = new MemoryStorage();
    storage.setItem(`pikir:session:${SITE}`, await createSession(server.db, admin, SITE, server.clock.now()));
    const stores = await widgetStores(server, { storage });
    await stores.session.restore();
    await settle();
    ui = await renderApp(stores);
    expect(stores.thread.total.value).toBe(1);

    await click(button(ui, 'Скрыть'));
    await settle();
    expect((await getComment(server.db, id))!.status).toBe('hidden');
    expect(stores.thread.total.value).toBe(0);
    expect(() => button(ui!, 'Скрыть')).toThrow();

    await click(button(ui, 'Показать снова'));
    await settle();
    expect((await getComment(server.db, id))!.status).toBe('published');
    expect(stores.thread.total.value).toBe(1);
    expect(button(ui, 'Скрыть')).toBeTruthy();
    expect(() => button(ui!, 'Показать снова')).toThrow();
  });

  it('counts the characters left near the limit and will not send past it', async () => {
    const onSubmit = vi.fn(async () => {});
    ui = await renderInShadow(<Composer max={10} onSubmit={onSubmit} />);
    const field = ui.$<HTMLTextAreaElement>('textarea');
    await typeText(field, 'abc');
    expect(ui.text()).not.toContain('Осталось символов');
    await typeText(field, '123456789');
    expect(ui.text()).toContain('Осталось символов: 1');
    await typeText(field, '123456789012');
    expect(ui.text()).toContain('Осталось символов: -2');
    expect(button(ui, 'Отправить').disabled).toBe(true);
    await ctrlEnter(field);
    expect(onSubmit).not.toHaveBeenCalled();
  });
});

describe('replies', () => {
  /** A thread of page "a": Айгерим's comment and Ерлан's reply to it, a minute old. */
  async function thread(server: WidgetServer) {
    const at = server.clock.now() - 60_000;
    const on = { siteId: SITE, pageKey: 'a', at };
    const top = await seedComment(server.db, {
      ...on,
      authorId: await seedUser(server.db, 'Айгерим'),
      text: 'Первый',
    });
    const reply = await seedComment(server.db, {
      ...on,
      authorId: await seedUser(server.db, 'Ерлан'),
      text: 'Ответ',
      parentId: top,
    });
    return { top, reply };
  }

  it('answers a reply under the top comment, starting with the name it answers, and shows it at once', async () => {
    const server = await widgetServer();
    const { top, reply } = await thread(server);
    const { stores } = await signedInWidget(server, 'Динара');
    server.requests.length = 0;
    ui = await renderInShadow(
      <ThreadContext.Provider value={stores.context}>
        <Thread store={stores.thread} />
      </ThreadContext.Provider>,
    );
    const replied = ui.$(`#pikir-${reply}`);
    const answer = [...replied.querySelectorAll('button')].find((b) => b.textContent === 'Ответить')!;
    await click(answer);
    const field = ui.$<HTMLTextAreaElement>('.reply-form textarea');
    expect(field.value).toBe('Ерлан, ');
    await typeText(field, 'Ерлан, согласна');
    await ctrlEnter(field);
    expect(server.requests.map((r) => r.body)).toEqual([
      { page: 'a', title: 'A', url: 'https://a.kz/a', text: 'Ерлан, согласна', parentId: top },
    ]);
    expect([...ui.$(`#pikir-${top}`).querySelectorAll('.replies .text')].map((t) => t.textContent)).toEqual([
      'Ответ',
      'Ерлан, согласна',
    ]);
    expect(ui.$('.count').textContent).toBe('3');
  });

  it('asks a signed-out reader to sign in before replying or reporting', async () => {
    const server = await widgetServer();
    await thread(server);
    const stores = await widgetStores(server);
    const requireSignIn = vi.fn();
    ui = await renderInShadow(
      <ThreadContext.Provider value={{ ...stores.context, requireSignIn }}>
        <Thread store={stores.thread} />
      </ThreadContext.Provider>,
    );
    await click(button(ui, 'Пожаловаться'));
    expect(requireSignIn).toHaveBeenCalledTimes(1);
    expect(ui.$$('[role="dialog"]')).toHaveLength(0);
    expect(server.requests).toHaveLength(0);
  });
});
