/**
 * The development transport: each message is printed and kept in a small in-memory outbox that
 * /dev/outbox shows, newest first. Never used in production (config.ts refuses it there), because
 * it writes codes to the log.
 */
import type { EmailMessage, EmailTransport, SmsTransport } from './transport.ts';

const KEPT = 100;

export interface OutboxEntry {
  channel: 'sms' | 'email';
  to: string;
  /** The SMS text, or the email's subject. */
  subject: string | null;
  text: string;
  at: number;
}

export interface Outbox {
  add(entry: OutboxEntry): void;
  /** Newest first. */
  list(): OutboxEntry[];
}

export function createOutbox(): Outbox {
  const entries: OutboxEntry[] = [];
  return {
    add(entry) {
      entries.unshift(entry);
      entries.length = Math.min(entries.length, KEPT);
    },
    list: () => [...entries],
  };
}

export function logTransport(
  outbox: Outbox,
  print: (line: string) => void,
  now: () => number,
): SmsTransport & EmailTransport {
  return {
    async sendSms(to, text) {
      print(`[sms] to ${to}: ${text.replace(/\n/g, ' | ')}`);
      outbox.add({ channel: 'sms', to, subject: null, text, at: now() });
    },
    async sendEmail(message: EmailMessage) {
      print(`[email] to ${message.to}: ${message.subject}\n${message.text}`);
      outbox.add({
        channel: 'email',
        to: message.to,
        subject: message.subject,
        text: message.text,
        at: now(),
      });
    },
  };
}
