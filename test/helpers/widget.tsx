/**
 * Renders widget parts into a shadow root of a happy-dom document, as embed.js does, and drives
 * them the way a reader would: typing fires `input` events, Enter submits the form.
 */

import fullMetadata from 'libphonenumber-js/min/metadata';
import { type ComponentChildren, render } from 'preact';
import { act } from 'preact/test-utils';
import { phoneMetadataFor } from '../../scripts/phone-metadata.ts';
import { resolveSession } from '../../server/auth/sessions.ts';
import type { ThreadPage } from '../../shared/api.ts';
import { isLanguage } from '../../shared/i18n/index.ts';
import { languages } from '../../shared/i18n/languages.ts';
import { readerDictionaries } from '../../shared/i18n/reader/dictionaries.ts';
import { createApi, createRevoke } from '../../widget/app/api.ts';
import { App } from '../../widget/app/components/app.tsx';
import { loadAuthTexts } from '../../widget/app/components/auth/auth-text.ts';
import { LocaleContext } from '../../widget/app/components/locale-context.ts';
import { loadForms } from '../../widget/app/components/thread/forms.tsx';
import type { Locale } from '../../widget/app/i18n.ts';
import { loadPhoneMetadata } from '../../widget/app/phone.ts';
import { createTokenStore } from '../../widget/app/state/token.ts';
import { createWidgetStores } from '../../widget/app/state/widget.ts';
import { answered, pageFetch } from './page-fetch.ts';
import { inMemoryTestApp, ORIGIN, PUBLIC_URL, SITE, type TestAppOptions } from './test-app.ts';

/**
 * The phone metadata of the test site's country (KZ), cut as the build cuts each country's file:
 * the auth panel is rendered directly in these tests, without the account area that loads it.
 */
await loadPhoneMetadata(['KZ'], async (country) => phoneMetadataFor(fullMetadata, [country]));
// Their texts in every language, which the account area loads one at a time.
for (const lang of languages) await loadAuthTexts(lang);

export interface Rendered {
  root: ShadowRoot;
  $<E extends Element = HTMLElement>(selector: string): E;
  $$<E extends Element = HTMLElement>(selector: string): E[];
  /** The text of the whole widget, spaces collapsed. */
  text(): string;
  unmount(): Promise<void>;
}

export async function renderInShadow(children: ComponentChildren, lang = 'ru'): Promise<Rendered> {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  root.append(container);
  await act(() => {
    render(<LocaleContext.Provider value={localeOf(lang)}>{children}</LocaleContext.Provider>, container);
  });
  return {
    root,
    $<E extends Element = HTMLElement>(selector: string) {
      const found = root.querySelector<E>(selector);
      if (!found) throw new Error(`nothing matches ${selector} in: ${root.textContent}`);
      return found;
    },
    $$: <E extends Element = HTMLElement>(selector: string) => [...root.querySelectorAll<E>(selector)],
    text: () => (root.textContent ?? '').replace(/\s+/g, ' ').trim(),
    async unmount() {
      await act(() => render(null, container));
      host.remove();
    },
  };
}

/**
 * Renders in a shadow root outside act(): render() returns with the DOM in place and only the
 * passive effects pending, as a browser stands between a commit and its next frame. For what must
 * hold in that moment (the focus, a listener).
 */
export function renderBeforeEffects(children: ComponentChildren, lang = 'ru') {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  render(<LocaleContext.Provider value={localeOf(lang)}>{children}</LocaleContext.Provider>, root);
  return {
    root,
    unmount() {
      render(null, root);
      host.remove();
    },
  };
}

/** The widget loads a dictionary chunk; tests take it straight from the shared module. */
export function localeOf(lang: string): Locale {
  const chosen = isLanguage(lang) ? lang : 'ru';
  return { lang: chosen, t: readerDictionaries[chosen] };
}

/** The real server in memory, reached from an article of the site `news` as the widget reaches it. */
export async function widgetServer(options: TestAppOptions = {}) {
  const t = await inMemoryTestApp(options);
  return { ...t, ...pageFetch(t.app, ORIGIN) };
}

export type WidgetServer = Awaited<ReturnType<typeof widgetServer>>;

export const authPath = (route: string) => `/api/sites/${SITE}/auth${route}`;

/** The name of the reader whose widget session `token` is, or null when the server ended it. */
export async function sessionOwner(server: WidgetServer, token: string | null): Promise<string | null> {
  const user = token ? await resolveSession(server.db, token, SITE, server.clock.now()) : null;
  return user?.displayName ?? null;
}

/**
 * The stores main.ts wires, over the server's fetch (or `fetch`) and a storage the test can look
 * into. The first thread page is the loader's request, made before the app starts, so it is not
 * among the app's requests.
 */
export async function widgetStores(
  server: WidgetServer,
  options: { storage?: Storage | null; fetch?: typeof fetch } = {},
) {
  const storage = options.storage === undefined ? new MemoryStorage() : options.storage;
  const tokens = createTokenStore(SITE, storage);
  const api = createApi(PUBLIC_URL, {
    site: SITE,
    tokens: tokens.source,
    fetch: options.fetch ?? server.fetch,
  });
  const response = await server.fetch(`${PUBLIC_URL}/api/sites/${SITE}/comments?page=a`);
  const first = { ok: true as const, body: (await response.json()) as ThreadPage };
  server.requests.length = 0;
  const stores = createWidgetStores(
    api,
    tokens,
    {
      site: SITE,
      page: 'a',
      title: 'A',
      url: 'https://a.kz/a',
      first,
    },
    createRevoke(PUBLIC_URL, { site: SITE, fetch: options.fetch ?? server.fetch }),
  );
  return { tokens, api, storage, ...stores };
}

/**
 * The app as a reader meets it a moment after the first paint: with the on-click forms' chunk,
 * which the widget fetches when the thread comes into view, already there (forms.test.tsx covers the moment before).
 */
export async function renderApp(stores: Awaited<ReturnType<typeof widgetStores>>, lang = 'ru') {
  await loadForms();
  return renderInShadow(
    <App
      locale={localeOf(lang)}
      api={stores.api}
      thread={stores.thread}
      session={stores.session}
      context={stores.context}
    />,
    lang,
  );
}

/** Lets the server answer every request on its way, and Preact re-render what the answers change. */
export async function settle() {
  await act(async () => {
    // An answer can lead to the next request (signing in reloads the thread): until none is left.
    do for (let i = 0; i < 20; i++) await Promise.resolve();
    while (await answered());
  });
}

/** Types into an input as a reader would: caret at the end, one `input` event. */
export async function type(input: HTMLInputElement, value: string, inputType = 'insertText') {
  await act(() => {
    input.focus();
    input.value = value;
    // Email inputs have no selection API in browsers either.
    if (input.type !== 'email') input.setSelectionRange(value.length, value.length);
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType }));
  });
}

export async function click(element: Element) {
  await act(() => {
    (element as HTMLElement).click();
  });
  await settle();
}

export async function press(element: Element, key: string) {
  await act(() => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
}

/** Submits the form the element is in, as Enter in a field does. */
export async function submit(element: Element) {
  const form = element.closest('form');
  if (!form) throw new Error('not inside a form');
  await act(() => {
    form.requestSubmit();
  });
  await settle();
}

/** The button whose text is exactly `label`. */
export function button(rendered: Rendered, label: string): HTMLButtonElement {
  const found = rendered.$$<HTMLButtonElement>('button').find((b) => b.textContent?.trim() === label);
  if (!found) throw new Error(`no button "${label}" in: ${rendered.text()}`);
  return found;
}

/** The input labelled `label`. */
export function field(rendered: Rendered, label: string): HTMLInputElement {
  const found = rendered.$$<HTMLLabelElement>('label').find((l) => l.textContent?.trim() === label);
  if (!found) throw new Error(`no field "${label}" in: ${rendered.text()}`);
  const input = rendered.root.getElementById(found.htmlFor);
  if (!(input instanceof HTMLInputElement)) throw new Error(`label "${label}" names no input`);
  return input;
}

/** localStorage as a plain map, so a test can see (and plant) what the widget stores. */
export class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
}
