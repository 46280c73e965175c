// @vitest-environment happy-dom
/**
 * The first paint's hand-over (widget/app/first-paint/hand-over.ts): drawing until the reader
 * shows intent, clicks held until the interactive widget is ready and given to the same element
 * then, and a widget that could not be loaded leaving the thread drawn for the next try.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handOver, RETRY_MS } from '../../widget/app/first-paint/hand-over.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** A thread of one button, one link and the order select, drawn as the first paint draws. */
function drawnThread() {
  const container = document.createElement('div');
  document.body.append(container);
  let draws = 0;
  let drawing = false;
  let changed = () => {};
  const draw = (whenChanged: () => void) => {
    changed = whenChanged;
    draws++;
    drawing = true;
    container.innerHTML = `<button type="button">Ответить</button><a href="#pikir-1">5 минут назад</a>
      <select><option value="new">new</option><option value="best">best</option></select>`;
    return () => {
      drawing = false;
    };
  };
  return { container, draw, draws: () => draws, drawing: () => drawing, change: () => changed() };
}

/** A start the test resolves (or fails) when it wants: the interactive widget on its way. */
function pendingStart() {
  const calls: { ready: () => void; done: () => void; fail: () => void }[] = [];
  const start = (ready: () => void) =>
    new Promise<void>((resolve, reject) => {
      calls.push({
        ready,
        done: () => {
          ready();
          resolve();
        },
        fail: () => reject(new Error('offline')),
      });
    });
  return { start, calls };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the hand-over from the first paint', () => {
  it('draws until the first sign of intent, then starts the widget once', async () => {
    const thread = drawnThread();
    const { start, calls } = pendingStart();
    const hand = handOver(thread.container, thread.draw, start);
    expect(thread.drawing()).toBe(true);
    expect(calls).toHaveLength(0);
    thread.container.dispatchEvent(new Event('pointerover', { bubbles: true }));
    thread.container.querySelector('button')!.dispatchEvent(new Event('focusin', { bubbles: true }));
    expect(calls).toHaveLength(1);
    // Nothing is drawn anew under the reader while the widget comes.
    expect(thread.drawing()).toBe(false);
    calls[0]!.done();
    await hand.takeOver();
    expect(calls).toHaveLength(1);
  });

  it('holds a click on a button until the widget is ready, then gives it to the same button', async () => {
    const thread = drawnThread();
    const { start, calls } = pendingStart();
    handOver(thread.container, thread.draw, start);
    const button = thread.container.querySelector('button')!;
    const clicks: string[] = [];
    // The widget's own handler, as Preact attaches it to the node it takes over.
    button.addEventListener('click', () => clicks.push('widget'));
    button.click();
    expect(clicks).toEqual([]);
    expect(calls).toHaveLength(1);
    calls[0]!.ready();
    expect(clicks).toEqual(['widget']);
    // After the hand-over a click goes straight through, once.
    button.click();
    expect(clicks).toEqual(['widget', 'widget']);
  });

  it('leaves a link to work by itself', () => {
    const thread = drawnThread();
    const { start } = pendingStart();
    handOver(thread.container, thread.draw, start);
    const link = thread.container.querySelector('a')!;
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });

  it('chooses the order again once the widget has rendered the one it knows', () => {
    const thread = drawnThread();
    const { start, calls } = pendingStart();
    handOver(thread.container, thread.draw, start);
    const select = thread.container.querySelector('select')!;
    select.value = 'best';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    const chosen: string[] = [];
    select.addEventListener('change', () => chosen.push(select.value));
    select.value = 'new'; // What the widget renders from its store.
    calls[0]!.ready();
    expect(chosen).toEqual(['best']);
  });

  it('starts the widget when what is drawn changes, to render the change into the drawn nodes', async () => {
    const thread = drawnThread();
    const { start, calls } = pendingStart();
    handOver(thread.container, thread.draw, start);
    thread.change();
    await flush();
    expect(calls).toHaveLength(1);
    expect(thread.drawing()).toBe(false);
    expect(thread.draws()).toBe(1);
  });

  it('draws the thread again when the widget cannot be loaded, with the focus where it was', async () => {
    const thread = drawnThread();
    const { start, calls } = pendingStart();
    const hand = handOver(thread.container, thread.draw, start);
    thread.container.querySelectorAll('button')[0]!.focus();
    // Focus is a sign of intent.
    expect(calls).toHaveLength(1);
    calls[0]!.fail();
    await hand.takeOver();
    expect(thread.draws()).toBe(2);
    // A new node, at the old one's place.
    expect(document.activeElement).toBe(thread.container.querySelector('button'));
  });

  it('tries again on a click at once, and on other intents only after a pause', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const thread = drawnThread();
    const { start, calls } = pendingStart();
    const hand = handOver(thread.container, thread.draw, start);
    thread.container.dispatchEvent(new Event('pointerover', { bubbles: true }));
    calls[0]!.fail();
    await hand.takeOver();
    thread.container.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(RETRY_MS);
    thread.container.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(calls).toHaveLength(2);
    calls[1]!.fail();
    await hand.takeOver();
    thread.container.querySelector('button')!.click();
    expect(calls).toHaveLength(3);
  });

  it('draws the thread again when the widget cannot be loaded, and gives the next try no stale click', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const thread = drawnThread();
    const { start, calls } = pendingStart();
    const hand = handOver(thread.container, thread.draw, start);
    const button = thread.container.querySelector('button')!;
    const clicks: string[] = [];
    button.addEventListener('click', () => clicks.push('widget'));
    button.click();
    calls[0]!.fail();
    await hand.takeOver();
    expect(thread.draws()).toBe(2);
    expect(thread.drawing()).toBe(true);
    vi.advanceTimersByTime(RETRY_MS);
    thread.container.dispatchEvent(new Event('keydown', { bubbles: true }));
    expect(calls).toHaveLength(2);
    calls[1]!.done();
    await flush();
    // The click of the failed try is not given to the widget of the next.
    expect(clicks).toEqual([]);
  });

  it('stops drawing and listening when the widget is unmounted, even if its load fails after', async () => {
    const thread = drawnThread();
    const { start, calls } = pendingStart();
    const hand = handOver(thread.container, thread.draw, start);
    thread.container.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    hand.stop();
    calls[0]!.fail();
    await flush();
    expect(thread.drawing()).toBe(false);
    expect(thread.draws()).toBe(1);
    thread.container.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(calls).toHaveLength(1);
  });
});
