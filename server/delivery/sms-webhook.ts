/**
 * SMS_PROVIDER=webhook: each SMS is POSTed as JSON {"to": "+7…", "text": "…"} to SMS_WEBHOOK_URL,
 * for a gateway of the operator's own. Any 2xx is success; anything else, or no answer within
 * the timeout, is a DeliveryError.
 */
import { DeliveryError, type SmsTransport } from './transport.ts';

export function webhookSms(url: string, timeoutMs = 10_000): SmsTransport {
  return {
    async sendSms(to, text) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ to, text }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new DeliveryError(`SMS webhook did not answer: ${(error as Error).message}`);
      }
      await response.body?.cancel();
      if (!response.ok) throw new DeliveryError(`SMS webhook answered ${response.status}`);
    },
  };
}
