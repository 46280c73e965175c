import { type Delivery, DeliveryError, type EmailMessage } from '../../server/delivery/transport.ts';

export type Sent = { channel: 'sms'; to: string; text: string } | ({ channel: 'email' } & EmailMessage);

/** Keeps every message it is given; `failNext` makes the following sends fail like a dead gateway. */
export function recordingDelivery() {
  const sent: Sent[] = [];
  let failing = false;
  const delivery: Delivery = {
    async sendSms(to, text) {
      if (failing) throw new DeliveryError('gateway down (test)');
      sent.push({ channel: 'sms', to, text });
    },
    async sendEmail(message) {
      if (failing) throw new DeliveryError('mail server down (test)');
      sent.push({ channel: 'email', ...message });
    },
  };
  return {
    delivery,
    sent,
    fail(on = true) {
      failing = on;
    },
    /** The messages sent to `to`, oldest first. */
    to: (to: string) => sent.filter((m) => m.to === to),
    /** The 6-digit code of the last message sent to `to`. */
    lastCode(to: string): string {
      const last = sent.filter((m) => m.to === to).at(-1);
      const match = last && /\b(\d{6})\b/.exec(last.text);
      if (!match) throw new Error(`no code was sent to ${to}`);
      return match[1]!;
    },
  };
}

export type RecordingDelivery = ReturnType<typeof recordingDelivery>;
