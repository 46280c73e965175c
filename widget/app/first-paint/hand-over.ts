/**
 * The first paint hands the thread over to the interactive widget. Until then the thread is drawn
 * anew whenever its stores change; the reader's first sign of intent on it (a pointer over it, a
 * touch, a key, focus) starts the interactive widget. A click on a button, or a change of the
 * order, that comes before it is ready is held, and given to the same element once the widget's
 * components have mounted: they render over the drawn nodes and keep them (interactive.tsx).
 */

/** What tells that the reader is about to use the thread. */
const INTENT = ['pointerover', 'pointerdown', 'touchstart', 'keydown', 'focusin'];

export interface HandOver {
  /** Starts the interactive widget (once); settles when it has taken over or failed to load. */
  takeOver(): Promise<void>;
  /** Stops drawing and listening, for an unmount. */
  stop(): void;
}

/**
 * `draw` starts drawing the thread into `container` and returns how to stop; `start` loads and
 * renders the interactive widget, calling `ready` once its components have mounted, and rejects
 * when it cannot be loaded: then the thread is drawn as before and the next intent tries again.
 */
export function handOver(
  container: HTMLElement,
  draw: () => () => void,
  start: (ready: () => void) => Promise<void>,
): HandOver {
  let stopDrawing = draw();
  let taking: Promise<void> | undefined;
  let stopped = false;
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
  const intent = () => void takeOver();
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
        if (!stopped) stopDrawing = draw();
      });
    })();
    return taking;
  }

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
