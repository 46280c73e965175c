/**
 * Picks the SMS and email transports once, at start-up. config.ts has already refused every
 * combination that cannot work (a webhook without a URL, log transports in production).
 */
import type { Config } from '../config.ts';
import { smtpEmail } from './email-smtp.ts';
import { logTransport, type Outbox } from './log.ts';
import { smscSms } from './sms-smsc.ts';
import { webhookSms } from './sms-webhook.ts';
import { combineTransports, type Delivery, type SmsTransport } from './transport.ts';

export function deliveryFromConfig(
  config: Pick<Config, 'sms' | 'smtp'>,
  outbox: Outbox,
  print: (line: string) => void,
  now: () => number,
): { delivery: Delivery; describe: string; close(): void } {
  const log = logTransport(outbox, print, now);
  const sms: SmsTransport =
    config.sms.provider === 'webhook'
      ? webhookSms(config.sms.url)
      : config.sms.provider === 'smsc'
        ? smscSms(config.sms)
        : log;
  const smtp = config.smtp ? smtpEmail(config.smtp.url, config.smtp.from) : null;
  return {
    delivery: combineTransports(sms, smtp ?? log),
    describe: `SMS: ${config.sms.provider}; email: ${smtp ? 'smtp' : 'log'}`,
    close: () => smtp?.close(),
  };
}
