/**
 * Whole seconds left of a wait: until a new code may be requested, or until the server takes a
 * request it refused with rate_limited. The count is read off a deadline rather than decremented,
 * so a throttled background tab still shows the right number when it wakes. The one countdown of
 * the widget: every "wait N seconds" it shows counts down with it.
 */
import { signal } from '../signals.ts';

export type Countdown = ReturnType<typeof createCountdown>;

/** `onDone` runs when a running count reaches 0 (not on stop()). */
export function createCountdown(onDone?: () => void) {
  const left = signal(0);
  let deadline = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  const tick = () => {
    left.value = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    if (left.value > 0) return;
    stop();
    onDone?.();
  };

  /** Counts `seconds` down to 0, one step a second; a new start replaces the running one. */
  function start(seconds: number) {
    stop();
    deadline = Date.now() + seconds * 1000;
    left.value = Math.max(0, Math.ceil(seconds));
    if (left.value > 0) timer = setInterval(tick, 1000);
  }

  return { left, start, stop };
}
