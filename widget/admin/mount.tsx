/**
 * Starts the panel in an element: the API client, the session (checked against the server at
 * once), and the screens. Returns the function that takes it down again.
 */
import { render } from 'preact';
import { createAdminApi } from './api.ts';
import { AdminApp } from './components/app.tsx';
import { type AdminLocale, registerLocale } from './i18n.ts';
import { createSessionStore, type SessionStore } from './state/session.ts';

export interface AdminOptions {
  /** The texts of the panel's language (i18n.ts loadAdminLocale). */
  locale: AdminLocale;
  /** Defaults to the global fetch; tests pass a double of the admin API. */
  fetch?: typeof fetch;
}

export function mountAdmin(root: HTMLElement, options: AdminOptions): () => void {
  const locale = registerLocale(options.locale);
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
