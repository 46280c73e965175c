/**
 * "Is there an account for this contact?" must not be readable from how long the answer takes.
 * When a request has nothing to send (a reset for an unknown contact), it waits about as long
 * as recent sends on that channel took, so both answers arrive after a similar time.
 */
import type { Channel } from '../../shared/api.ts';

export interface SendTiming {
  /** Runs a send and remembers how long it took. */
  time<T>(channel: Channel, send: () => Promise<T>): Promise<T>;
  /** Waits about as long as a send on the channel takes. */
  pad(channel: Channel): Promise<void>;
}

export function sendTiming(): SendTiming {
  // A moving average: follows a gateway that slows down, without one slow send dominating.
  const average: Record<Channel, number> = { phone: 0, email: 0 };
  return {
    async time(channel, send) {
      const started = performance.now();
      const result = await send();
      average[channel] = 0.8 * average[channel] + 0.2 * (performance.now() - started);
      return result;
    },
    async pad(channel) {
      const ms = Math.min(average[channel], 10_000);
      if (ms >= 1) await new Promise((resolve) => setTimeout(resolve, ms));
    },
  };
}
