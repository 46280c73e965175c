/**
 * Sending one-time codes and notices, with everything that guards a send: the limits of every scope
 * the send falls in (send-limits.ts), the proof-of-work challenge of a scope that runs hot
 * (challenge.ts), the site's and the server's daily SMS budgets (sms-budget.ts), the alerts that
 * tell admins about them, the refund when a message does not go out, and the timing padding that
 * keeps "nothing to send" as slow as a send.
 *
 * A request goes: `reserve()`, then exactly one of `sendCode()`, `sendNotice()` or `sendNothing()`.
 * `reserve()` is the cheap part, run before any password hashing or account lookup: one read of
 * the counters (and, for SMS, one of the budgets), then either a refusal that has written nothing
 * (429 at a cap, 503 when SMS is spent, 428 with a challenge in a hot scope) or the takes of the
 * requester's own counters, one conditional upsert each.
 */
import type { Kysely } from 'kysely';
import type { AlertKind, Channel, CodePurpose } from '../../shared/api.ts';
import type { Language } from '../../shared/i18n/languages.ts';
import type { Clock } from '../clock.ts';
import type { SmsLimits } from '../config.ts';
import { alertKey, type RaiseAlert } from '../delivery/alerts.ts';
import {
  alreadyRegisteredMessage,
  codeMessage,
  type MessageContext,
  type Outgoing,
} from '../delivery/messages.ts';
import type { Delivery } from '../delivery/transport.ts';
import type { Logger } from '../logger.ts';
import { Refusal, rateLimited } from '../refusal.ts';
import {
  addHit,
  type Counts,
  giveBackHit,
  hitsIn,
  readCounts,
  secondsLeft,
  sweepCounters,
  takeHit,
  type Window,
} from '../storage/rate-counters.ts';
import type { Database } from '../storage/schema.ts';
import type { Site } from '../storage/sites.ts';
import { type ChallengeConfig, createChallenges } from './challenge.ts';
import { type CodeTarget, newCode, storeCode } from './codes.ts';
import { sendTiming } from './even-timing.ts';
import { type ScopeLimit, type SendKind, sendLimits } from './send-limits.ts';
import {
  type Budget,
  budgetDay,
  readSpend,
  releaseSms,
  reserveSms,
  SERVER_BUDGET_SCOPE,
  siteBudgetScope,
  total,
} from './sms-budget.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Percentages of a budget that admins are told about. */
const BUDGET_MARKS = [50, 80, 100] as const;

export interface SendRequest {
  site: Site;
  channel: Channel;
  kind: SendKind;
  /** The contact's identity (shared/contact.ts contactKey): what limits and codes key by. */
  contact: string;
  /** Where a code goes when there is no account yet: the address as the reader typed it. */
  address: string;
  /** Phones only: the number's country (ISO alpha-2). */
  country: string | null;
  /** The client's network and the wider one around it (http/client-ip.ts). */
  network: string;
  wideNetwork: string;
  lang: Language;
  /** The host of the page that asked, for the SMS's WebOTP line. */
  pageHost: string | null;
  /** The client's solution of a challenge it was given, if any. */
  proof: string | undefined;
}

/** A request whose limits are taken. */
export interface Reservation {
  request: SendRequest;
  limits: ScopeLimit[];
  /** The windows taken for it, given back when no message goes out. */
  taken: ScopeLimit[];
}

export interface CodeSenderDeps {
  db: Kysely<Database>;
  clock: Clock;
  delivery: Delivery;
  /** The HMAC key of one-time codes (secret.ts); the challenges' keys derive from it. */
  secret: Buffer;
  log: Logger;
  smsLimits: SmsLimits;
  challenge: ChallengeConfig;
  alert: RaiseAlert;
}

export type CodeSender = ReturnType<typeof createCodeSender>;

export function createCodeSender(deps: CodeSenderDeps) {
  const { db, clock } = deps;
  const timing = sendTiming();
  const challenges = createChallenges(db, deps.secret, deps.challenge);

  /** Both budgets a site's SMS must fit in, and what each has spent today, shard by shard. */
  async function spendToday(site: Site, now: number) {
    const day = budgetDay(now, deps.smsLimits.budgetTimeZone);
    const budgets: Budget[] = [
      { scope: siteBudgetScope(site.id), limit: site.settings.smsDailyBudget },
      { scope: SERVER_BUDGET_SCOPE, limit: deps.smsLimits.serverDailyBudget },
    ];
    const spend = await readSpend(
      db,
      budgets.map((b) => b.scope),
      day,
    );
    return { day, budgets, spend };
  }

  /** Checks every scope, asks for a challenge where one runs hot, and takes the requester's own limits. */
  async function reserve(request: SendRequest): Promise<Reservation> {
    const { site } = request;
    const now = clock.now();
    const limits = sendLimits({ ...request, siteId: site.id }, deps.smsLimits.rangeDigits);
    const hotAlert: Window = { key: alertKey(site.id, 'scope_hot'), windowMs: HOUR };
    const counts = await readCounts(db, [...limits.map((l) => l.window), hotAlert]);

    const capped = limits.filter((l) => l.cap !== undefined && hitsIn(counts, l.window, now) >= l.cap);
    if (capped.length > 0) {
      const wait = Math.max(...capped.map((l) => secondsLeft(counts, l.window, now)));
      throw rateLimited(wait).noted(`limit=${capped.map(noteOf).join(',')}`);
    }
    // Same answer whether or not the contact has an account: checked before anything is looked up.
    if (request.channel === 'phone') await assertSmsLeft(site, now);

    const hot = limits.filter((l) => l.hot !== undefined && hitsIn(counts, l.window, now) >= l.hot);
    if (hot.length > 0) {
      if (hitsIn(counts, hotAlert, now) === 0) await scopeHotAlert(request, hot, counts, now);
      if (!(await challenges.redeem(request.proof, site.id, now))) {
        const challenge = await challenges.issue(site.id, now);
        throw new Refusal('challenge_required', undefined, { challenge }).noted(
          `hot=${hot.map(noteOf).join(',')}`,
        );
      }
    }

    const taken: ScopeLimit[] = [];
    for (const limit of limits.filter((l) => l.counts === 'request')) {
      if (!(await takeHit(db, limit.window, limit.cap!, now))) {
        // Another request took the last one since the read: this one gives back what it took.
        await giveBack(taken, now);
        const wait = secondsLeft(await readCounts(db, [limit.window]), limit.window, now);
        throw rateLimited(wait).noted(`limit=${noteOf(limit)}`);
      }
      taken.push(limit);
    }
    await sweepCounters(db, now).then(() => challenges.sweep(now));
    return { request, limits, taken };
  }

  /** Sends a new code for `purpose` to `to` (default: the address typed) and stores it once it is out. */
  async function sendCode(
    reservation: Reservation,
    purpose: CodePurpose,
    payload: string | null,
    to = reservation.request.address,
  ) {
    const { request } = reservation;
    const target: CodeTarget = { purpose, contact: request.contact, siteId: request.site.id };
    const code = newCode();
    await deliver(reservation, codeMessage(messageContext(request, to), purpose, code));
    // Stored only once the message is out: a failed send leaves nothing behind, and an earlier
    // code stays valid when a resend fails.
    await storeCode(db, deps.secret, target, code, payload, clock.now());
  }

  /** Tells the owner of a contact that already has an account (at `to`, its stored address). */
  async function sendNotice(reservation: Reservation, to: string) {
    await deliver(reservation, alreadyRegisteredMessage(messageContext(reservation.request, to)));
  }

  /** Nothing to send (no account, nothing pending): answer as a send would, after about as long. */
  async function sendNothing({ request }: Reservation) {
    await timing.pad(request.channel);
  }

  /** Refuses SMS when either budget is spent today, and tells the admins (once a day). */
  async function assertSmsLeft(site: Site, now: number) {
    const { day, budgets, spend } = await spendToday(site, now);
    const spent = budgets.find((b) => total(spend.get(b.scope)!) >= b.limit);
    if (!spent) return;
    await budgetAlert(site, spent, spent.limit, day, now);
    throw new Refusal('sms_unavailable').noted(`budget=${spent.scope}`);
  }

  /**
   * Sends, or undoes the request's bookkeeping and refuses: a send that did not happen must not
   * cost the reader their own allowance or the site its SMS budget. A send that happened counts
   * in the shared scopes (the number range, the country, the site).
   */
  async function deliver(reservation: Reservation, message: Outgoing) {
    const { site } = reservation.request;
    const now = clock.now();
    const held = message.channel === 'phone' ? await holdSms(reservation, now) : [];
    try {
      await timing.time(message.channel, () =>
        message.channel === 'phone'
          ? deps.delivery.sendSms(message.to, message.text)
          : deps.delivery.sendEmail(message),
      );
    } catch (error) {
      for (const { scope, day, shard } of held) await releaseSms(db, scope, day, shard);
      await refund(reservation, now);
      deps.log(`delivery failed on site ${site.id}: ${(error as Error).message}`);
      throw new Refusal('delivery_failed');
    }
    for (const limit of reservation.limits) if (limit.counts === 'send') await addHit(db, limit.window, now);
  }

  /** Counts the SMS in both budgets, or refuses when one filled up since reserve() read it. */
  async function holdSms(reservation: Reservation, now: number) {
    const { site } = reservation.request;
    const { day, budgets, spend } = await spendToday(site, now);
    const held: { scope: string; day: string; shard: number }[] = [];
    for (const budget of budgets) {
      const shard = await reserveSms(db, budget, day, spend.get(budget.scope)!);
      if (shard === null) {
        for (const h of held) await releaseSms(db, h.scope, h.day, h.shard);
        await refund(reservation, now);
        await budgetAlert(site, budget, budget.limit, day, now);
        throw new Refusal('sms_unavailable').noted(`budget=${budget.scope}`);
      }
      held.push({ scope: budget.scope, day, shard });
    }
    for (const budget of budgets) {
      await budgetAlert(site, budget, total(spend.get(budget.scope)!) + 1, day, now);
    }
    return held;
  }

  /** The contact's own allowance comes back; the network's stays (failed sends still cost whoever triggers them). */
  async function refund(reservation: Reservation, now: number) {
    await giveBack(
      reservation.taken.filter((l) => l.scope === 'contact'),
      now,
    );
  }

  async function giveBack(limits: ScopeLimit[], now: number) {
    for (const limit of limits) await giveBackHit(db, limit.window, now);
  }

  /**
   * The 50 %, 80 % and 100 % marks of a budget that `sent` has reached, each told once a day. Which
   * were told is read first (no lock), so the sends after a mark do not all queue on its row.
   */
  async function budgetAlert(site: Site, budget: Budget, sent: number, day: string, now: number) {
    const reached = BUDGET_MARKS.filter((mark) => sent * 100 >= budget.limit * mark);
    if (reached.length === 0) return;
    const server = budget.scope === SERVER_BUDGET_SCOPE;
    const siteId = server ? null : site.id;
    const kinds = reached.map((mark): AlertKind => {
      const name = mark === 100 ? 'exhausted' : mark;
      return server ? `server_sms_budget_${name}` : `sms_budget_${name}`;
    });
    const windows = kinds.map((kind) => ({ key: alertKey(siteId, `${kind}:${day}`), windowMs: DAY }));
    const told = await readCounts(db, windows);
    for (const [i, mark] of reached.entries()) {
      if (hitsIn(told, windows[i]!, now) > 0) continue;
      await deps.alert(
        {
          siteId,
          kind: kinds[i]!,
          message: budgetMessage(budget, mark, sent),
          once: { key: `${kinds[i]}:${day}`, windowMs: DAY },
        },
        now,
      );
    }
  }

  function budgetMessage(budget: Budget, mark: number, sent: number): string {
    const server = budget.scope === SERVER_BUDGET_SCOPE;
    const zone = deps.smsLimits.budgetTimeZone;
    if (mark === 100) {
      return `${server ? "The server's daily SMS budget (all sites together)" : 'The daily SMS budget'} of ${budget.limit} messages is spent; SMS codes stop until midnight (${zone}), email codes still go out.`;
    }
    const whose = server ? "The server's daily SMS budget (all sites together)" : 'The daily SMS budget';
    return `${whose} is ${mark}% spent: ${Math.min(sent, budget.limit)} of ${budget.limit} messages today (the day ends at midnight, ${zone}).`;
  }

  async function scopeHotAlert(request: SendRequest, hot: ScopeLimit[], counts: Counts, now: number) {
    const what = `${request.channel === 'phone' ? 'SMS' : 'email'} ${request.kind} codes`;
    const scopes = hot
      .map((l) => `${l.label} (${hitsIn(counts, l.window, now)} in ${windowName(l)})`)
      .join(', ');
    await deps.alert(
      {
        siteId: request.site.id,
        kind: 'scope_hot',
        message: `Many ${what} are asked for in ${scopes}: sends there now solve a proof-of-work challenge first; readers elsewhere are not affected.`,
      },
      now,
    );
  }

  return { reserve, sendCode, sendNotice, sendNothing };
}

/** "range:1h": which scope and window, for the request's log line. */
function noteOf(limit: ScopeLimit): string {
  return `${limit.scope}:${windowName(limit)}`;
}

function windowName(limit: ScopeLimit): string {
  return limit.window.key.slice(limit.window.key.lastIndexOf('|') + 1);
}

function messageContext(request: SendRequest, to: string): MessageContext {
  return {
    lang: request.lang,
    channel: request.channel,
    to,
    siteName: request.site.name,
    pageHost: request.pageHost,
  };
}
