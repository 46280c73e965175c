/**
 * Starts the panel in an element: the API client, the session (checked against the server at
 * once), and the screens. Returns the function that takes it down again.
 */
import { render } from 'preact';
import type { Language } from '../../shared/i18n/index.ts';
import { createAdminApi } from './api.ts';
import { AdminApp } from './components/app.tsx';
import { adminLocaleOf } from './i18n.ts';
import { createSessionStore, type SessionStore } from './state/session.ts';

export interface AdminOptions {
  lang: Language;
  /** Defaults to the global fetch; tests pass a double of the admin API. */
  fetch?: typeof fetch;
}

export function mountAdmin(root: HTMLElement, options: AdminOptions): () => void {
  const locale = adminLocaleOf(options.lang);
  document.documentElement.lang = locale.lang;
  document.title = locale.a.title;

  // The API reports an ended session to the session store, which the API itself feeds.
  let session: SessionStore | undefined;
  const api = createAdminApi({ fetch: options.fetch, onUnauthorized: () => session?.expire() });
  session = createSessionStore(api);
  void session.check();

  render(<AdminApp locale={locale} session={session} api={api} />, root);
  return () => render(null, root);
}
