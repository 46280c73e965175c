/**
 * The interactive widget, a chunk of its own: Preact and every component. main.ts loads it when
 * the thread comes into view, and renders it on the reader's first sign of intent, or at once for a
 * signed-in reader. Rendered over the first paint (first-paint/thread-view.ts), Preact adopts the
 * nodes that are there, so focus, scroll and a half-done click stay where they are.
 */
import { type ComponentChildren, render } from 'preact';
import { useEffect } from 'preact/hooks';
import { App, type AppProps } from './components/app.tsx';
import { loadForms } from './components/thread/forms.tsx';
import type { Locale } from './i18n.ts';

/**
 * Renders the widget into `container`, over what is drawn there, and calls `ready` once its
 * components' first effects have run (a click given to them before would be undone by one that
 * resets its state on mounting). Returns how to take it away.
 */
export function takeOver(container: HTMLElement, props: AppProps, ready: () => void): () => void {
  const restoreSelection = keepSelection(container);
  render(
    <Ready ready={ready}>
      <App {...props} />
    </Ready>,
    container,
  );
  restoreSelection();
  return () => render(null, container);
}

/**
 * Preact sets the text of every node it takes over, even to the same text, and the browser then
 * collapses a selection in it: what the reader selected in a comment is selected again after.
 */
function keepSelection(container: HTMLElement): () => void {
  const root = container.getRootNode() as ShadowRoot & { getSelection?: () => Selection | null };
  const selection = root.getSelection?.() ?? document.getSelection();
  if (!selection?.anchorNode || !selection.focusNode || !container.contains(selection.anchorNode)) {
    return () => {};
  }
  const { anchorNode, anchorOffset, focusNode, focusOffset } = selection;
  return () => {
    if (anchorNode.isConnected && focusNode.isConnected) {
      selection.setBaseAndExtent(anchorNode, anchorOffset, focusNode, focusOffset);
    }
  };
}

/** Its effect runs after those of everything inside it: Preact runs a child's effects first. */
function Ready({ ready, children }: { ready: () => void; children: ComponentChildren }) {
  useEffect(ready, []);
  return <>{children}</>;
}

/** What clicks open (the on-click chunk and the texts only a click leads to), fetched before one. */
export function prefetch(locale: Locale): void {
  void loadForms(locale).catch(() => {});
}
