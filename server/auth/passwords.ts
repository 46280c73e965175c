/**
 * Passwords: argon2id with OWASP's parameters (19 MiB, t=2, p=1), a bound on how many hashes run
 * at once, and the compensating controls for the customer's short Latin-and-digits rule: the
 * common-password blocklist and "not your phone number or email name".
 *
 * A password is used exactly as sent: never trimmed, case-folded or truncated at sign-in.
 */
import { cpus } from 'node:os';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { PASSWORD_PATTERN } from '../../shared/limits.ts';

// 2 is Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const ARGON2 = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Each hash holds 19 MiB: two per core keeps the CPU busy without letting a flood exhaust memory. */
const MAX_RUNNING = 2 * Math.max(1, cpus().length);
/** Past this many waiting, a request is refused at once (429) instead of queueing into a timeout. */
const MAX_WAITING = 64;

export class HashingBusy extends Error {
  constructor() {
    super('too many password hashes are waiting');
  }
}

let running = 0;
const waiting: (() => void)[] = [];

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) {
    if (waiting.length >= MAX_WAITING) throw new HashingBusy();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running += 1;
  }
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line; only free it when nobody waits.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

export function hashPassword(password: string): Promise<string> {
  return bounded(() => hash(password, ARGON2));
}

/**
 * A real argon2id hash of a random password, made once. Unknown accounts are verified against it
 * so that "no such account" takes as long as "wrong password".
 */
let dummyHash: Promise<string> | undefined;

/** True only for a stored hash that matches. A null hash (no account) still costs one verify. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hash(crypto.randomUUID(), ARGON2);
  const target = storedHash ?? (await dummyHash);
  const matches = await bounded(() => verify(target, password).catch(() => false));
  return storedHash !== null && matches;
}

let blocklist: Promise<Set<string>> | undefined;

/** zxcvbn-ts's ~49,000 most common passwords, only those the rule would let through, lower-cased. */
function commonPasswords(): Promise<Set<string>> {
  blocklist ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) =>
      new Set(
        dictionary['passwords-common'].filter((p) => PASSWORD_PATTERN.test(p)).map((p) => p.toLowerCase()),
      ),
  );
  return blocklist;
}

/** How many blocklisted passwords the rule would otherwise accept (documented in the report). */
export async function commonPasswordCount(): Promise<number> {
  return (await commonPasswords()).size;
}

/** The site a password is chosen on: its id and name are the first words an attacker tries. */
export interface PasswordContext {
  id: string;
  name: string;
}

/**
 * The rule for a new password: the customer's pattern, not a common password (compared
 * case-insensitively, so "Qwerty123" is as weak as "qwerty123"), not the account's own phone
 * digits (with or without the country code) or email name, and not the site's id or name with
 * digits around it ("Tengrinews1", "2024news").
 */
export async function isAcceptablePassword(
  password: string,
  contact: string,
  site?: PasswordContext,
): Promise<boolean> {
  if (!PASSWORD_PATTERN.test(password)) return false;
  const lower = password.toLowerCase();
  if ((await commonPasswords()).has(lower)) return false;
  if (site && siteWords(site).includes(lower.replace(/^\d+|\d+$/g, ''))) return false;
  return !contactEchoes(contact).includes(lower);
}

/** The site's id and name as a password would spell them: lower-case Latin letters and digits only. */
function siteWords(site: PasswordContext): string[] {
  return [site.id, site.name].map((word) => word.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean);
}

/** What a password must not be for this contact: "77011234567", "7011234567", "87011234567", "ivan". */
function contactEchoes(contact: string): string[] {
  if (contact.includes('@')) return [contact.slice(0, contact.lastIndexOf('@')).toLowerCase()];
  const phone = parsePhoneNumberFromString(contact);
  if (!phone) return [contact.replace(/\D/g, '')];
  // With the country code, without it, and as dialled at home (Kazakhstan: 8 701 …).
  return [phone.number.slice(1), phone.nationalNumber, phone.formatNational().replace(/\D/g, '')];
}
