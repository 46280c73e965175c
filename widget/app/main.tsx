/**
 * The widget's entry module, imported by embed.js. mount() renders into the shadow root the
 * loader opened and returns the function that takes it all down again.
 */
import { signal } from '@preact/signals';
import { render } from 'preact';
import { createApi } from './api.ts';
import { App } from './components/app.tsx';
import type { Viewer } from './components/thread/thread-context.ts';
import { localeOf } from './i18n.ts';
import { themeOf, type WidgetOptions } from './options.ts';
import { createCommentActions } from './state/comments.ts';
import { createThreadStore } from './state/thread.ts';
import css from './styles.css?inline';

export function mount(root: ShadowRoot, options: WidgetOptions): () => void {
  const container = document.createElement('div');
  container.className = 'pikir';
  container.dataset.theme = themeOf(options.theme);
  const locale = localeOf(options.lang);
  container.lang = locale.lang;
  root.replaceChildren(...styleNodes(root), container);

  const api = createApi(options.base);
  const thread = createThreadStore(api, options);
  const context = {
    viewer: signal<Viewer | null>(null),
    actions: createCommentActions(api, thread, options),
    requireSignIn: () => {},
  };
  render(<App locale={locale} thread={thread} context={context} />, container);
  return () => {
    render(null, container);
    root.replaceChildren();
  };
}

/**
 * A constructed stylesheet is not subject to the host page's CSP style-src, so the widget keeps
 * its look on pages that forbid inline styles; older browsers get a <style> element.
 */
function styleNodes(root: ShadowRoot): Node[] {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return [];
  }
  const style = document.createElement('style');
  style.textContent = css;
  return [style];
}
