// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import { insertComment } from '../../server/storage/comments.ts';
import { updateSiteSettings } from '../../server/storage/sites.ts';
import { seedUser } from '../helpers/seed.ts';
import { SITE } from '../helpers/test-app.ts';
import {
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

async function signedInApp(server: WidgetServer, lang: string) {
  const reader = await seedUser(server.db, 'Динара');
  const storage = new MemoryStorage();
  storage.setItem(`pikir:session:${SITE}`, await createSession(server.db, reader, SITE, server.clock.now()));
  const stores = await widgetStores(server, { storage });
  await stores.session.restore();
  await settle();
  const rendered = await renderApp(stores, lang);
  await settle();
  return rendered;
}

async function send(rendered: Rendered, text: string) {
  const field = rendered.$<HTMLTextAreaElement>('textarea');
  await act(() => {
    field.value = text;
    field.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
  await act(() => {
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
  });
  await settle();
}

describe('pre-moderation in the widget', () => {
  it('marks the author’s held comment "На проверке", offers no reply to it and does not count it', async () => {
    const server = await widgetServer();
    await updateSiteSettings(server.db, SITE, { preModeration: 'all' });
    ui = await signedInApp(server, 'ru');
    await send(ui, 'Жду модератора');
    expect(ui.text()).toContain('Жду модератора');
    expect(ui.text()).toContain('На проверке · Другие читатели увидят его после проверки модератором.');
    expect(ui.$$('button').map((b) => b.textContent)).not.toContain('Ответить');
    expect(ui.$('.count').textContent).toBe('0');
  });

  it('shows the author a rejected comment as a notice, without its text', async () => {
    const server = await widgetServer();
    await updateSiteSettings(server.db, SITE, { preModeration: 'all' });
    const reader = await seedUser(server.db, 'Ерлан');
    const page = { siteId: SITE, pageKey: 'a', title: 'Статья', url: 'https://news.example.kz/a' };
    await insertComment(
      server.db,
      { id: 'r1', page, parentId: null, authorId: reader, text: 'Грубость', status: 'held' },
      0,
    );
    await server.db.updateTable('comments').set({ status: 'rejected' }).where('id', '=', 'r1').execute();
    const storage = new MemoryStorage();
    storage.setItem(
      `pikir:session:${SITE}`,
      await createSession(server.db, reader, SITE, server.clock.now()),
    );
    const stores = await widgetStores(server, { storage });
    await stores.session.restore();
    await settle();
    ui = await renderApp(stores, 'kk');
    await settle();
    expect(ui.text()).toContain('Пікіріңізді модератор қабылдамады.');
    expect(ui.text()).not.toContain('Грубость');
  });

  it('tells the reader, in their language, that a banned word refused the post', async () => {
    const server = await widgetServer();
    await updateSiteSettings(server.db, SITE, { bannedWords: ['дурак'] });
    ui = await signedInApp(server, 'en');
    await send(ui, 'Ты ДУРAK');
    expect(ui.text()).toContain(
      'The comment contains words that are not allowed on this site. Please change the text.',
    );
    expect(ui.$<HTMLTextAreaElement>('textarea').value).toBe('Ты ДУРAK');
  });
});
