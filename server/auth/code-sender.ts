/**
 * Sending one-time codes and notices, with everything that guards a send: the send limits (taken
 * first, before any costly work), the site's daily SMS budget, the refund when a message does not
 * go out, and the timing padding that keeps "nothing to send" as slow as a send.
 *
 * A request goes: `reserve()` (429 when a limit is used up), then exactly one of `sendCode()`,
 * `sendNotice()` or `sendNothing()`.
 */
import type { Kysely } from 'kysely';
import type { Channel, CodePurpose } from '../../shared/api.ts';
import type { Language } from '../../shared/i18n/languages.ts';
import type { Clock } from '../clock.ts';
import {
  alreadyRegisteredMessage,
  codeMessage,
  type MessageContext,
  type Outgoing,
} from '../delivery/messages.ts';
import type { Delivery } from '../delivery/transport.ts';
import type { Logger } from '../logger.ts';
import { Refusal, rateLimited } from '../refusal.ts';
import type { Database } from '../storage/schema.ts';
import type { Site } from '../storage/sites.ts';
import { type CodeTarget, newCode, storeCode } from './codes.ts';
import { sendTiming } from './even-timing.ts';
import { contactLimits, giveBack, networkLimits, siteLimits, type Taken, takeLimits } from './rate-limits.ts';
import { releaseSms, reserveSms, smsBudgetSpent } from './sms-budget.ts';

export interface SendRequest {
  site: Site;
  channel: Channel;
  /** Normalised email or E.164 phone. */
  contact: string;
  /** The client's network (http/client-ip.ts networkOf). */
  network: string;
  lang: Language;
  /** The host of the page that asked, for the SMS's WebOTP line. */
  pageHost: string | null;
}

/** A request whose send limits are taken. */
export interface Reservation {
  request: SendRequest;
  taken: Taken & { ok: true };
}

export interface CodeSenderDeps {
  db: Kysely<Database>;
  clock: Clock;
  delivery: Delivery;
  /** The HMAC key of one-time codes (secret.ts). */
  secret: Buffer;
  log: Logger;
}

export type CodeSender = ReturnType<typeof createCodeSender>;

export function createCodeSender(deps: CodeSenderDeps) {
  const { db, clock } = deps;
  const timing = sendTiming();

  /** Takes the per-contact, per-network and per-site send limits, or refuses with the wait. */
  async function reserve(request: SendRequest): Promise<Reservation> {
    const limits = [
      ...contactLimits(request.contact),
      ...networkLimits(request.network),
      ...siteLimits(request.site.id),
    ];
    const taken = await takeLimits(db, limits, clock.now());
    if (!taken.ok) throw rateLimited(taken.retryAfter);
    return { request, taken };
  }

  /** Sends a new code for `purpose` and stores it once the message is out. */
  async function sendCode(reservation: Reservation, purpose: CodePurpose, payload: string | null) {
    const { request } = reservation;
    const target: CodeTarget = { purpose, contact: request.contact, siteId: request.site.id };
    const code = newCode();
    await deliver(reservation, codeMessage(messageContext(request), purpose, code));
    // Stored only once the message is out: a failed send leaves nothing behind, and an earlier
    // code stays valid when a resend fails.
    await storeCode(db, deps.secret, target, code, payload, clock.now());
  }

  /** Tells the owner of a contact that already has an account, instead of sending a code. */
  async function sendNotice(reservation: Reservation) {
    await deliver(reservation, alreadyRegisteredMessage(messageContext(reservation.request)));
  }

  /** Nothing to send (no account, nothing pending): answer as a send would, after about as long. */
  async function sendNothing({ request }: Reservation) {
    const { site, channel } = request;
    if (
      channel === 'phone' &&
      (await smsBudgetSpent(db, site.id, site.settings.smsDailyBudget, clock.now()))
    ) {
      throw new Refusal('sms_unavailable');
    }
    await timing.pad(channel);
  }

  /**
   * Sends, or undoes the request's bookkeeping and refuses: a send that did not happen must not
   * cost the reader their own allowance or the site its SMS budget.
   */
  async function deliver({ request, taken }: Reservation, message: Outgoing) {
    const { site } = request;
    const refund = () => giveBack(db, taken, [contactLimits(request.contact)[0]!.key]);
    if (
      message.channel === 'phone' &&
      !(await reserveSms(db, site.id, site.settings.smsDailyBudget, clock.now()))
    ) {
      await refund();
      throw new Refusal('sms_unavailable');
    }
    try {
      await timing.time(message.channel, () =>
        message.channel === 'phone'
          ? deps.delivery.sendSms(message.to, message.text)
          : deps.delivery.sendEmail(message),
      );
    } catch (error) {
      if (message.channel === 'phone') await releaseSms(db, site.id, clock.now());
      await refund();
      deps.log(`delivery failed on site ${site.id}: ${(error as Error).message}`);
      throw new Refusal('delivery_failed');
    }
  }

  return { reserve, sendCode, sendNotice, sendNothing };
}

function messageContext(request: SendRequest): MessageContext {
  return {
    lang: request.lang,
    channel: request.channel,
    to: request.contact,
    siteName: request.site.name,
    pageHost: request.pageHost,
  };
}
