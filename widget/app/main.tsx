/**
 * The widget's entry module, imported by embed.js. mount() renders into the shadow root the
 * loader opened and returns the function that takes it all down again.
 */
import { render } from 'preact';
import { createApi, createRevoke } from './api.ts';
import { App } from './components/app.tsx';
import { prefetchForms } from './components/thread/forms.tsx';
import { loadLocale } from './i18n.ts';
import { themeOf, type WidgetOptions } from './options.ts';
import { effect } from './signals.ts';
import { byAge } from './state/thread.ts';
import { createTokenStore } from './state/token.ts';
import { createWidgetStores } from './state/widget.ts';
import css from './styles.css?inline';
import { adoptStyles } from './styles.ts';

export function mount(root: ShadowRoot, options: WidgetOptions): () => void {
  const container = document.createElement('div');
  container.className = 'pikir';
  container.dataset.theme = themeOf(options.theme);

  const tokens = createTokenStore(options.site);
  const api = createApi(options.base, { site: options.site, tokens: tokens.source });
  const revoke = createRevoke(options.base, { site: options.site });
  const { thread, session, context, stop } = createWidgetStores(api, tokens, options, revoke);
  void session.restore();
  void session.retrySignOut();
  const unfollowTabs = session.followOtherTabs(window);
  const unfollowNetwork = session.followNetwork(window);
  let mounted = true;
  // The live thread (live.ts) loads and opens its stream once the thread is first in view.
  let unfollow = () => {};
  const seen =
    'IntersectionObserver' in window
      ? new IntersectionObserver((entries) => {
          if (!entries.some((entry) => entry.isIntersecting)) return;
          seen?.disconnect();
          void import('./live.ts').then((live) => {
            if (mounted) unfollow = live.follow(options, thread);
          });
        })
      : null;
  seen?.observe(root.host);
  void loadLocale(options.lang).then((locale) => {
    if (!mounted) return;
    container.lang = locale.lang;
    // The loader's skeleton stays until the thread can be drawn in its place. A remount on the
    // same element starts from the widget's own sheet only.
    root.replaceChildren(container);
    if ('adoptedStyleSheets' in root) root.adoptedStyleSheets = [];
    adoptStyles(root, css);
    render(<App locale={locale} api={api} thread={thread} session={session} context={context} />, container);
    prefetchForms(locale);
    follow();
  });
  // A date clicked on this page changes only the hash: the browser cannot scroll into the shadow root.
  const follow = () => {
    const linked = /^#pikir-([\w-]+)$/.exec(location.hash)?.[1];
    if (linked && mounted)
      void import('./permalink.ts').then((m) =>
        m.followPermalink(root, thread, api, linked, { effect, byAge }),
      );
  };
  window.addEventListener('hashchange', follow);
  return () => {
    mounted = false;
    window.removeEventListener('hashchange', follow);
    seen?.disconnect();
    unfollow();
    unfollowTabs();
    unfollowNetwork();
    stop();
    render(null, container);
    root.replaceChildren();
  };
}
