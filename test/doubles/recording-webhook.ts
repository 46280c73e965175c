import type { WebhookSender } from '../../server/delivery/webhook.ts';
import type { WebhookEvent } from '../../shared/api.ts';

/** Keeps every webhook delivery it is given, or fails each one when told to. */
export function recordingWebhook() {
  const sent: { url: string; event: WebhookEvent; headers: Record<string, string> }[] = [];
  let failure: Error | null = null;
  const send: WebhookSender = async (url, body, headers) => {
    if (failure) throw failure;
    sent.push({ url, event: JSON.parse(body) as WebhookEvent, headers });
  };
  return {
    send,
    sent,
    failWith(error: Error | null) {
      failure = error;
    },
  };
}
