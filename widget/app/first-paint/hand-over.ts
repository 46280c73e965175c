/**
 * The first paint hands the thread over to the interactive widget. The reader's first sign of
 * intent on the thread (a pointer over it, a touch, a key, focus) starts it, and so does a change
 * of what is drawn (a live comment, the end of a session check): the widget renders the change
 * into the drawn nodes, where the browser keeps the reader's place, as drawing anew would not.
 * A click on a button, or a change of the order, that comes before it is ready is held, and given
 * to the same element once the widget's components have mounted: they render over the drawn
 * nodes and keep them (interactive.tsx).
 */

/** What tells that the reader is about to use the thread. */
const INTENT = ['pointerover', 'pointerdown', 'touchstart', 'keydown', 'focusin'];
/** After a failed load, how long signs of intent wait before they try again (a click never waits). */
export const RETRY_MS = 10_000;
/** What can hold the focus in a drawn thread: kept at its place across a redraw. */
const FOCUSABLE = 'button, a[href], select';

export interface HandOver {
  /** Starts the interactive widget (once); settles when it has taken over or failed to load. */
  takeOver(): Promise<void>;
  /** Stops drawing and listening, for an unmount. */
  stop(): void;
}

/**
 * `draw` draws the thread into `container`, calls `changed` when what it drew is out of date, and
 * returns how to stop; `start` loads and renders the interactive widget, calling `ready` once its
 * components have mounted, and rejects when it cannot be loaded: then the thread is drawn anew,
 * and a click, or an intent after RETRY_MS, tries again.
 */
export function handOver(
  container: HTMLElement,
  draw: (changed: () => void) => () => void,
  start: (ready: () => void) => Promise<void>,
): HandOver {
  // From within the drawing's own effect: it is stopped after that run, not during it.
  const changed = () => queueMicrotask(() => void takeOver());
  let stopDrawing = draw(changed);
  let taking: Promise<void> | undefined;
  let stopped = false;
  let retryAt = 0;
  const held: { control: HTMLElement; value: string }[] = [];

  const hold = (event: Event) => {
    const target = event.target as HTMLElement;
    const control = event.type === 'change' ? target : target.closest('button');
    if (!control) return; // A link (a date, a link in a comment) works without the widget.
    event.preventDefault();
    event.stopPropagation();
    held.push({ control, value: (control as HTMLSelectElement).value });
    void takeOver();
  };
  const intent = () => {
    if (Date.now() >= retryAt) void takeOver();
  };
  const listen = (on: boolean) => {
    const method = on ? 'addEventListener' : 'removeEventListener';
    container[method]('click', hold, true);
    container[method]('change', hold, true);
    for (const type of INTENT) container[method](type, intent, { passive: true });
  };

  const replay = () => {
    listen(false);
    for (const { control, value } of held.splice(0)) {
      if (!control.isConnected) continue;
      if (control instanceof HTMLSelectElement) {
        // The widget rendered the order it knows; the reader's choice is made again.
        control.value = value;
        control.dispatchEvent(new Event('change', { bubbles: true }));
      } else control.click();
    }
  };

  function takeOver(): Promise<void> {
    taking ??= (() => {
      // The drawing stops at once: a node the reader is on is not replaced under them.
      stopDrawing();
      stopDrawing = () => {};
      return start(replay).catch(() => {
        taking = undefined;
        held.length = 0;
        retryAt = Date.now() + RETRY_MS;
        if (!stopped) redraw();
      });
    })();
    return taking;
  }

  /** Draws the thread anew with the focus where it was (the same place among what can hold it). */
  const redraw = () => {
    const root = container.getRootNode() as Document | ShadowRoot;
    const focused = [...container.querySelectorAll(FOCUSABLE)].indexOf(root.activeElement as Element);
    stopDrawing = draw(changed);
    if (focused >= 0) (container.querySelectorAll(FOCUSABLE)[focused] as HTMLElement | undefined)?.focus();
  };

  listen(true);
  return {
    takeOver,
    stop() {
      stopped = true;
      listen(false);
      stopDrawing();
      stopDrawing = () => {};
    },
  };
}
