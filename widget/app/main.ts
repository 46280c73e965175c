/**
 * The widget's entry module, imported by embed.js. mount() draws the thread into the shadow root
 * the loader opened and returns the function that takes it all down again.
 *
 * The first paint needs nothing of Preact (first-paint/thread-view.ts). The interactive widget
 * (interactive.tsx) is fetched when the thread comes into view, and takes the drawn thread over at
 * the reader's first sign of intent or when what is drawn changes (first-paint/hand-over.ts), or
 * at once for a signed-in reader.
 */
import { createApi, createRevoke } from './api.ts';
import { handOver } from './first-paint/hand-over.ts';
import { retime, threadView } from './first-paint/thread-view.ts';
import { loadLocale } from './i18n.ts';
import { themeOf, type WidgetOptions } from './options.ts';
import { effect } from './signals.ts';
import { byAge } from './state/thread.ts';
import { createTokenStore } from './state/token.ts';
import { createWidgetStores } from './state/widget.ts';
import css from './styles.css?inline';
import { adoptStyles } from './styles.ts';

type Interactive = typeof import('./interactive.tsx');

/** "5 минут назад" is drawn again every half minute, so that it stays true. */
const TICK_MS = 30_000;

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
  let unfollow = () => {};
  let stopSignedIn = () => {};
  let leave = () => {};
  let drawing: ReturnType<typeof handOver> | undefined;

  let interactive: Promise<Interactive> | undefined;
  const load = () =>
    (interactive ??= import('./interactive.tsx').catch((error: unknown) => {
      interactive = undefined;
      throw error;
    }));

  // The live thread (live.ts) and the interactive widget load once the thread is first in view.
  let prefetch = () => {};
  let inView = false;
  const seen =
    'IntersectionObserver' in window
      ? new IntersectionObserver((entries) => {
          if (!entries.some((entry) => entry.isIntersecting)) return;
          seen?.disconnect();
          inView = true;
          void import('./live.ts').then((live) => {
            if (mounted) unfollow = live.follow(options, thread);
          });
          prefetch();
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
    prefetch = () =>
      void load().then(
        (module) => module.prefetch(locale),
        () => {},
      );
    const draw = (changed: () => void) => {
      let drawn = false;
      const stopTracking = effect(() => {
        const view = threadView({ locale, thread, session, url: options.url, now: Date.now() });
        if (drawn) return changed();
        drawn = true;
        container.replaceChildren(view);
      });
      const ticking = setInterval(() => retime(container, locale, Date.now()), TICK_MS);
      return () => {
        stopTracking();
        clearInterval(ticking);
      };
    };
    drawing = handOver(container, draw, async (ready) => {
      const module = await load();
      if (!mounted) return;
      leave = module.takeOver(container, { locale, api, thread, session, context }, ready);
      module.prefetch(locale);
    });
    if (inView) prefetch();
    // A signed-in reader writes: the comment form is there from the start (and once back online,
    // if the widget could not be loaded before).
    stopSignedIn = effect(() => {
      if (session.reader.value) void drawing?.takeOver();
    });
    window.addEventListener('online', retry);
    if (!seen) void drawing.takeOver();
    follow();
  });
  const retry = () => {
    if (session.reader.value) void drawing?.takeOver();
  };
  // A date clicked on this page changes only the hash: the browser cannot scroll into the shadow root.
  const follow = () => {
    const linked = /^#pikir-([\w-]+)$/.exec(location.hash)?.[1];
    if (linked && mounted && drawing)
      void Promise.all([import('./permalink.ts'), drawing.takeOver()]).then(([m]) =>
        m.followPermalink(root, thread, api, linked, { effect, byAge }),
      );
  };
  window.addEventListener('hashchange', follow);
  return () => {
    mounted = false;
    window.removeEventListener('hashchange', follow);
    window.removeEventListener('online', retry);
    seen?.disconnect();
    drawing?.stop();
    stopSignedIn();
    unfollow();
    unfollowTabs();
    unfollowNetwork();
    stop();
    leave();
    root.replaceChildren();
  };
}
