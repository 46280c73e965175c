// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
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
  renderInShadow,
  settle,
  type WidgetServer,
  widgetServer,
  widgetStores,
} from '../helpers/widget.tsx';

let ui: Rendered | undefined;
beforeAll(() => loadForms());
afterEach(async () => {
  await ui?.unmount();
  ui = undefined;
});

/** Айгерим's comment on page "a" with `count` replies "Ответ 0"… a minute apart, oldest first. */
async function thread(server: WidgetServer, count: number) {
  const at = server.clock.now() - 3600_000;
  const authorId = await seedUser(server.db, 'Айгерим');
  const top = await seedComment(server.db, { siteId: SITE, pageKey: 'a', authorId, at, text: 'Первый' });
  for (let i = 0; i < count; i++) {
    await seedComment(server.db, {
      siteId: SITE,
      pageKey: 'a',
      authorId,
      at: at + (i + 1) * 60_000,
      text: `Ответ ${i}`,
      parentId: top,
    });
  }
  return top;
}

async function render(server: WidgetServer, storage = new MemoryStorage()) {
  const stores = await widgetStores(server, { storage });
  await stores.session.restore();
  await settle();
  server.requests.length = 0;
  ui = await renderInShadow(
    <ThreadContext.Provider value={stores.context}>
      <Thread store={stores.thread} />
    </ThreadContext.Provider>,
  );
  return stores;
}

const replies = (top: string) =>
  [...ui!.$(`#pikir-${top}`).querySelectorAll('.replies .text')].map((t) => t.textContent);

describe('"Показать ещё ответы"', () => {
  it('shows the oldest three replies, then the rest on a click, and goes once all are there', async () => {
    const server = await widgetServer();
    const top = await thread(server, 5);
    await render(server);
    expect(replies(top)).toEqual(['Ответ 0', 'Ответ 1', 'Ответ 2']);
    await click(button(ui!, 'Показать ещё ответы'));
    expect(server.requests.map((r) => r.path)).toEqual([`/api/sites/${SITE}/comments/${top}/replies`]);
    expect(replies(top)).toEqual(['Ответ 0', 'Ответ 1', 'Ответ 2', 'Ответ 3', 'Ответ 4']);
    expect(ui!.text()).not.toContain('Показать ещё ответы');
  });

  it('has no such button where every reply is shown', async () => {
    const server = await widgetServer();
    const top = await thread(server, 3);
    await render(server);
    expect(replies(top)).toHaveLength(3);
    expect(ui!.text()).not.toContain('Показать ещё ответы');
  });

  it('keeps a reply posted before the click once, in its place among the others', async () => {
    const server = await widgetServer();
    const top = await thread(server, 4);
    const storage = new MemoryStorage();
    const reader = await seedUser(server.db, 'Динара');
    storage.setItem(
      `pikir:session:${SITE}`,
      await createSession(server.db, reader, SITE, server.clock.now()),
    );
    const stores = await render(server, storage);
    await post(stores.context.actions, 'Мой ответ', top);
    await settle();
    expect(replies(top)).toEqual(['Ответ 0', 'Ответ 1', 'Ответ 2', 'Мой ответ']);
    await click(button(ui!, 'Показать ещё ответы'));
    expect(replies(top)).toEqual(['Ответ 0', 'Ответ 1', 'Ответ 2', 'Ответ 3', 'Мой ответ']);
  });

  it('says why when the replies could not be loaded, and the button stays for another try', async () => {
    const server = await widgetServer();
    const top = await thread(server, 4);
    await render(server);
    // The comment is gone meanwhile: the server answers 404.
    await server.db.deleteFrom('comments').where('parent_id', '=', top).execute();
    await server.db.deleteFrom('comments').where('id', '=', top).execute();
    await click(button(ui!, 'Показать ещё ответы'));
    expect(ui!.$('.more-replies [role="alert"]').textContent).not.toBe('');
    expect(button(ui!, 'Показать ещё ответы').disabled).toBe(false);
  });
});
