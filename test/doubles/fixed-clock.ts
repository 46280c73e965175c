import type { Clock } from '../../server/clock.ts';

/** A clock that stands still until the test moves it. */
export function fixedClock(start = Date.UTC(2026, 10, 24, 12, 0, 0)) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
    set(ms: number) {
      current = ms;
    },
  } satisfies Clock & Record<string, unknown>;
}

export type FixedClock = ReturnType<typeof fixedClock>;
