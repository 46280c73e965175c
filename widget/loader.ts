/**
 * embed.js: the one script a site owner pastes. It reads its own tag, starts the thread request
 * and the widget import at the same moment, and renders into an open shadow root on the target.
 * No Preact and no dependencies here: every byte is paid on every article view.
 *
 * Single-page sites: window.pikir.mount(element, {site, page?, title?, lang?, theme?}) and
 * window.pikir.unmount(element). Loading this script twice reuses the first copy.
 */
import { drawSkeleton, showFallback } from './loader/skeleton.ts';

declare const __PIKIR_APP__: string;
declare const __PIKIR_PRELOAD__: string[];
declare const __PIKIR_LANGUAGES__: Record<string, string[]>;

interface Options {
  site: string;
  page?: string;
  title?: string;
  lang?: string;
  theme?: string;
}

interface Mounted {
  cancelled: boolean;
  stop?: () => void;
}

interface Api {
  mount(target: Element | string, options: Options): void;
  unmount(target: Element | string): void;
}

type Win = Window & { pikir?: Api };

const PREFIX = '[pikir]';
/** Refusals after which there is nothing to show: the page is not one of the site's. */
const FATAL = ['site_not_found', 'origin_not_allowed'];

(() => {
  const win = window as Win;
  const script = document.currentScript as HTMLScriptElement | null;
  if (!win.pikir) {
    const src = script?.src ?? document.querySelector<HTMLScriptElement>('script[src*="/embed.js"]')?.src;
    if (!src) return console.error(PREFIX, 'cannot tell where embed.js was loaded from');
    win.pikir = createApi(new URL(src).origin);
  }
  const data = script?.dataset;
  if (!data?.site) return;
  const options: Options = {
    site: data.site,
    page: data.page,
    title: data.title,
    lang: data.lang,
    theme: data.theme,
  };
  const selector = data.target || '#comments';
  const start = () => {
    const target = document.querySelector(selector);
    if (target) win.pikir!.mount(target, options);
    else console.error(PREFIX, `no element matches "${selector}"`);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})();

function createApi(base: string): Api {
  const mounted = new Map<Element, Mounted>();
  const resolve = (target: Element | string) =>
    typeof target === 'string' ? document.querySelector(target) : target;

  const unmount = (target: Element | string) => {
    const el = resolve(target);
    const state = el && mounted.get(el);
    if (!el || !state) return;
    state.cancelled = true;
    state.stop?.();
    el.shadowRoot?.replaceChildren();
    mounted.delete(el);
  };

  const mount = (target: Element | string, options: Options) => {
    const el = resolve(target);
    if (!el) return console.error(PREFIX, `mount target ${String(target)} not found`);
    unmount(el);
    const state: Mounted = { cancelled: false };
    mounted.set(el, state);
    const page = options.page || canonical() || location.origin + location.pathname;
    // Drawn at once: the reader sees where the comments will be while the code and data travel.
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    drawSkeleton(root);
    // The order the reader chose on this site ("Сортировка", widget/app/state/thread.ts).
    let order = '';
    try {
      const stored = localStorage[`pikir:order:${options.site}`];
      if (/^(old|best)$/.test(stored)) order = `&order=${stored}`;
    } catch {
      // Storage blocked: the default order.
    }
    const load = () =>
      fetch(
        `${base}/api/sites/${encodeURIComponent(options.site)}/comments?page=${encodeURIComponent(page)}${order}`,
      ).then(async (response) => ({ ok: response.ok, body: await response.json() }));
    // A phone network drops one request now and then: one retry a second later, by itself, before
    // the widget offers "Повторить".
    const firstPage = load()
      .catch(() => new Promise((wait) => setTimeout(wait, 1000)).then(load))
      .catch(() => ({ ok: false, body: { error: { code: 'network' } } }));
    preload(base, __PIKIR_LANGUAGES__[options.lang ?? ''] ?? __PIKIR_LANGUAGES__.ru!);
    const app = import(/* @vite-ignore */ `${base}/${__PIKIR_APP__}`);
    Promise.all([app, firstPage]).then(
      ([module, first]) => {
        if (state.cancelled) return;
        const error = first.ok ? null : first.body?.error;
        if (error && FATAL.includes(error.code)) {
          mounted.delete(el);
          showFallback(root);
          return console.error(PREFIX, error.message);
        }
        state.stop = module.mount(root, {
          base,
          site: options.site,
          page,
          title: options.title || document.title,
          url: canonical() || location.href.split('#')[0],
          lang: options.lang,
          theme: options.theme,
          first,
        });
      },
      (error) => {
        mounted.delete(el);
        if (!state.cancelled) showFallback(root);
        console.error(PREFIX, 'could not load the widget', error);
      },
    );
  };

  return { mount, unmount };
}

function canonical(): string | undefined {
  return document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href || undefined;
}

/** The app's chunks and the reader's dictionary download in parallel, not one after another. */
function preload(base: string, dictionary: string[]) {
  for (const file of [...__PIKIR_PRELOAD__, ...dictionary]) {
    const href = `${base}/${file}`;
    if (document.querySelector(`link[href="${href}"]`)) continue;
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = 'anonymous';
    link.href = href;
    document.head.appendChild(link);
  }
}
