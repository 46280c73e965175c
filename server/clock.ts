/** Time comes from here so tests can hold it still or move it forward. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
