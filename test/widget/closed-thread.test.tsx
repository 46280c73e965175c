// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import { getPageState, setPageClosed } from '../../server/storage/pages.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { SITE } from '../helpers/test-app.ts';
import {
  button,
  click,
  MemoryStorage,
  type Rendered,
  renderApp,
  settle,
  type WidgetServer,
  widgetServer,
  widgetStores,
} from '../helpers/widget.tsx';

let ui: Rendered | undefined;
afterEach(async () => {
  await ui?.unmount();
  ui = undefined;
});

/** A page with the reader's own fresh comment, and the reader signed in to the widget. */
async function pageWithComment(server: WidgetServer) {
  const reader = await seedUser(server.db, 'Динара');
  await seedComment(server.db, {
    siteId: SITE,
    pageKey: 'a',
    authorId: reader,
    text: 'Мой комментарий',
    at: server.clock.now(),
  });
  const storage = new MemoryStorage();
  storage.setItem(`pikir:session:${SITE}`, await createSession(server.db, reader, SITE, server.clock.now()));
  return storage;
}

async function signedInApp(server: WidgetServer, storage: MemoryStorage, lang = 'ru') {
  const stores = await widgetStores(server, { storage });
  await stores.session.restore();
  await settle();
  const rendered = await renderApp(stores, lang);
  await settle();
  return rendered;
}

const buttons = (rendered: Rendered) => rendered.$$('button').map((b) => b.textContent);

describe('a closed thread', () => {
  it('shows its comments and a notice instead of the composer, with no reply or edit', async () => {
    const server = await widgetServer();
    const storage = await pageWithComment(server);
    await setPageClosed(server.db, SITE, 'a', server.clock.now());
    ui = await signedInApp(server, storage);
    expect(ui.text()).toContain('Мой комментарий');
    expect(ui.text()).toContain('Обсуждение закрыто.');
    expect(ui.$$('textarea')).toHaveLength(0);
    expect(buttons(ui)).not.toContain('Ответить');
    expect(buttons(ui)).not.toContain('Изменить');
    expect(buttons(ui)).toContain('Удалить');
  });

  it('lets the site’s admin close and reopen the thread from the widget', async () => {
    const server = await widgetServer();
    const storage = await pageWithComment(server);
    await server.db
      .updateTable('users')
      .set({ email: 'editor@news.kz' })
      .where('display_name', '=', 'Динара')
      .execute();
    await addSiteAdmin(server.db, SITE, 'editor@news.kz', 0);
    ui = await signedInApp(server, storage);
    await click(button(ui, 'Закрыть обсуждение'));
    await settle();
    expect(ui.text()).toContain('Обсуждение закрыто.');
    expect(ui.$$('textarea')).toHaveLength(0);
    expect((await getPageState(server.db, SITE, 'a')).closedAt).not.toBeNull();
    await click(button(ui, 'Открыть обсуждение'));
    await settle();
    expect(ui.text()).not.toContain('Обсуждение закрыто.');
    expect(ui.$$('textarea')).toHaveLength(1);
  });

  it('offers the composer while open, and puts the notice in its place when a post finds it closed', async () => {
    const server = await widgetServer();
    const storage = await pageWithComment(server);
    ui = await signedInApp(server, storage, 'en');
    expect(ui.text()).not.toContain('Comments are closed.');
    expect(buttons(ui)).toContain('Reply');
    const field = ui.$<HTMLTextAreaElement>('textarea');

    await setPageClosed(server.db, SITE, 'a', server.clock.now());
    server.clock.advance(60_000);
    await act(() => {
      field.value = 'Too late';
      field.dispatchEvent(new InputEvent('input', { bubbles: true }));
    });
    await act(() => {
      field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    });
    await settle();
    expect(ui.text()).toContain('Comments are closed.');
    expect(ui.$$('textarea')).toHaveLength(0);
    expect(buttons(ui)).not.toContain('Reply');
  });
});
