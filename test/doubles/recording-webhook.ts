import type { WebhookSender } from '../../server/delivery/webhook.ts';
import type { WebhookEvent } from '../../shared/api.ts';

/** Keeps every webhook the app sends, or fails each one when told to. */
export function recordingWebhook() {
  const sent: { url: string; event: WebhookEvent }[] = [];
  let failure: Error | null = null;
  const send: WebhookSender = async (url, event) => {
    if (failure) throw failure;
    sent.push({ url, event });
  };
  return {
    send,
    sent,
    failWith(error: Error | null) {
      failure = error;
    },
  };
}
