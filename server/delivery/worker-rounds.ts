/**
 * The rounds of an outbox worker (webhooks, reply emails): one round now, then every
 * `intervalMs`; after a full batch the next round starts at once, so a backlog drains at the
 * receivers' pace. A failed round is logged and the rounds go on.
 */
export interface WorkerRounds {
  /** One round: resolves with how many items it claimed. */
  tick(): Promise<number>;
  /** Runs a round now, then every `intervalMs` (default 1 s; at once after a full batch) until stopped. */
  start(intervalMs?: number): void;
  /** Stops the rounds and waits for the one under way. */
  stop(): Promise<void>;
}

export function workerRounds(
  name: string,
  tick: () => Promise<number>,
  batch: number,
  log: (message: string) => void,
): WorkerRounds {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  function schedule(intervalMs: number, delayMs: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => {
          log(`${name}: ${error instanceof Error ? error.message : String(error)}`);
          return 0;
        })
        .then((claimed) => schedule(intervalMs, claimed >= batch ? 0 : intervalMs));
    }, delayMs);
    timer.unref?.();
  }

  return {
    tick,
    start(intervalMs = 1000) {
      stopped = false;
      schedule(intervalMs, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
