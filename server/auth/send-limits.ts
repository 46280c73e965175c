/**
 * The limits on sending codes, by scope. SMS pumping (bots asking codes for many numbers from many
 * addresses) must cost the attacker, not the readers, so:
 *   - the contact's own limits hold across channels and purposes (the SPEC's resend rule);
 *   - every other allowance is per channel (SMS, email) and per kind of send (register, reset,
 *     resend): an SMS storm never touches email, a sign-up storm never touches password resets;
 *   - the requester's own scopes (the contact, the network at two sizes) count every request
 *     that gets past them, sent or not, because counting only real sends there would tell an
 *     attacker on one network which numbers have accounts; the shared scopes (the number range,
 *     the country, the site) count only messages that went out, so requests that send nothing
 *     (no account, nothing pending) take nothing that another reader needs;
 *   - a scope that runs hot asks for a proof-of-work challenge before each further send in it
 *     (readers outside it see nothing); only caps refuse outright, and they are per scope, never
 *     per site. The money is capped by the daily SMS budgets (sms-budget.ts), exactly.
 *
 * Numbers, per window ("hot" asks for a challenge from that many on, "cap" refuses at that many):
 *   contact (all kinds)         59 s cap 1, 1 h cap 5, 24 h cap 10           (SPEC, ASVS C6, C8)
 *   network, IPv4 /32, IPv6 /64 10 min cap 10, 24 h cap 50                 (security-requirements D3)
 *   wide network, /24 and /48   10 min hot 20 cap 100, 24 h cap 500         (one operator, many addresses)
 *   number range (SMS)          1 h hot 5 cap 20, 24 h cap 50               (D4: E.164 prefix, 8 digits)
 *   country (SMS)               10 min hot 30                                (D5)
 *   site                        10 min hot 50 SMS / 100 email                (D6: no site-wide cap)
 * A network's cap stays below its "hot" mark on purpose: a single address is cheap to refuse
 * and cheap for an attacker to change, so it gets no challenge; the wider scopes are where an
 * attacker with many addresses shows, and where a reader sharing them must still get through.
 */
import type { Channel } from '../../shared/api.ts';
import { RESEND_INTERVAL_S } from '../../shared/limits.ts';
import type { Window } from '../storage/rate-counters.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What a send is for: each has its own allowances in the shared scopes. */
export type SendKind = 'register' | 'reset' | 'resend' | 'delete_account';

export const scopeNames = ['contact', 'network', 'wideNetwork', 'range', 'country', 'site'] as const;
export type ScopeName = (typeof scopeNames)[number];

export interface ScopeLimit {
  scope: ScopeName;
  /** The scope as an admin reads it: "number range +7701123…", "network 203.0.113.0/24". */
  label: string;
  window: Window;
  /** From this many hits in the window on, a send in the scope must first solve a challenge. */
  hot?: number;
  /** At this many hits the scope refuses. */
  cap?: number;
  /** "request": every request that passes counts; "send": only messages that went out. */
  counts: 'request' | 'send';
}

export interface SendScopes {
  siteId: string;
  channel: Channel;
  kind: SendKind;
  /** The contact's identity (shared/contact.ts contactKey). */
  contact: string;
  /** IPv4 address or IPv6 /64, and IPv4 /24 or IPv6 /48 (http/client-ip.ts). */
  network: string;
  wideNetwork: string;
  /** Phones only: the country (ISO alpha-2). */
  country: string | null;
}

/** Every limit a send is held to; the contact's 59 seconds first, as the one most often hit. */
export function sendLimits(s: SendScopes, rangeDigits: number): ScopeLimit[] {
  const contact = `send:contact:${s.contact}`;
  const per = `${s.channel}:${s.kind}`;
  const network = `send:net:${s.network}:${per}`;
  const wide = `send:wide:${s.wideNetwork}:${per}`;
  const limits: ScopeLimit[] = [
    own('contact', `contact ${s.contact}`, contact, '59s', RESEND_INTERVAL_S * 1000, 1),
    own('contact', `contact ${s.contact}`, contact, '1h', HOUR, 5),
    own('contact', `contact ${s.contact}`, contact, '24h', DAY, 10),
    own('network', `network ${s.network}`, network, '10m', 10 * MINUTE, 10),
    own('network', `network ${s.network}`, network, '24h', DAY, 50),
    { ...own('wideNetwork', `network ${s.wideNetwork}`, wide, '10m', 10 * MINUTE, 100), hot: 20 },
    own('wideNetwork', `network ${s.wideNetwork}`, wide, '24h', DAY, 500),
  ];
  if (s.channel === 'phone' && s.country) {
    const prefix = numberRange(s.contact, rangeDigits);
    const range = `send:range:${prefix}:${per}`;
    const country = `send:country:${s.country}:${per}`;
    const rangeLabel = `number range +${prefix}…`;
    limits.push(
      shared('range', rangeLabel, { key: `${range}|1h`, windowMs: HOUR }, { hot: 5, cap: 20 }),
      shared('range', rangeLabel, { key: `${range}|24h`, windowMs: DAY }, { cap: 50 }),
      shared('country', `country ${s.country}`, sharded(`${country}|10m`, 10 * MINUTE), { hot: 30 }),
    );
  }
  const site = sharded(`send:site:${s.siteId}:${per}|10m`, 10 * MINUTE);
  limits.push(shared('site', `site ${s.siteId}`, site, { hot: s.channel === 'phone' ? 50 : 100 }));
  return limits;
}

/** The E.164 prefix a number range is known by: its first `digits` digits ("77011234"). */
export function numberRange(e164: string, digits: number): string {
  return e164.replace(/\D/g, '').slice(0, digits);
}

function own(scope: ScopeName, label: string, key: string, name: string, windowMs: number, cap: number) {
  return { scope, label, window: { key: `${key}|${name}`, windowMs }, cap, counts: 'request' } as const;
}

function shared(
  scope: ScopeName,
  label: string,
  window: Window,
  thresholds: { hot?: number; cap?: number },
): ScopeLimit {
  return { scope, label, window, ...thresholds, counts: 'send' };
}

function sharded(key: string, windowMs: number): Window {
  return { key, windowMs, sharded: true };
}
