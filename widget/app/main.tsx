/**
 * The widget's entry module, imported by embed.js. mount() renders into the shadow root the
 * loader opened and returns the function that takes it all down again.
 */
import { render } from 'preact';
import { createApi } from './api.ts';
import { App } from './components/app.tsx';
import { localeOf } from './i18n.ts';
import { themeOf, type WidgetOptions } from './options.ts';
import { createSessionStore } from './state/session.ts';
import { createThreadStore } from './state/thread.ts';
import { createTokenStore } from './state/token.ts';
import css from './styles.css?inline';
import { adoptStyles } from './styles.ts';

export function mount(root: ShadowRoot, options: WidgetOptions): () => void {
  const container = document.createElement('div');
  container.className = 'pikir';
  container.dataset.theme = themeOf(options.theme);
  const locale = localeOf(options.lang);
  container.lang = locale.lang;
  root.replaceChildren(container);
  // A remount on the same element starts from the widget's own sheet only.
  if ('adoptedStyleSheets' in root) root.adoptedStyleSheets = [];
  adoptStyles(root, css);

  const tokens = createTokenStore(options.site);
  const api = createApi(options.base, { tokens: tokens.source });
  const thread = createThreadStore(api, options);
  const session = createSessionStore(api, tokens, options.site);
  void session.restore();
  const unfollow = session.followOtherTabs(window);
  render(<App locale={locale} api={api} site={options.site} thread={thread} session={session} />, container);
  return () => {
    unfollow();
    render(null, container);
    root.replaceChildren();
  };
}
