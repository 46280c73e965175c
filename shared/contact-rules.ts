/**
 * Contacts are how readers and admins are known: an email or a phone number, always read into one
 * normal form so that "8 701 …" and "+7 701 …" are one number, and keyed so that "Ivan@Mail.KZ" and
 * "ivan@mail.kz" are one person (contactKey) while mail still goes to the address as it was typed.
 *
 * Phone numbers are read with the metadata given: the server's is the whole world's (contact.ts),
 * the widget's only its site's countries (widget/app/phone.ts), so that readers do not download it all.
 */

import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import { hasControls } from './text.ts';

export type Contact = { kind: 'email'; value: string } | { kind: 'phone'; value: string; country: string };

const EMAIL_MAX = 254;
/**
 * A dot-atom local part (letters, digits and !#$%&'*+/=?^_`{|}~- between single dots) and an ASCII
 * (punycode) domain with a real top-level label. No quotes, commas, angle brackets or comments:
 * mail software reads those as address lists and display names, so "a,victim@mail.kz" or
 * "1<victim@mail.kz" would reach one mailbox under many "different" contacts.
 */
const EMAIL_PATTERN =
  /^(?=.{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Trims, lower-cases the domain and turns an international domain into its ASCII (punycode) form.
 * Control characters anywhere are refused, never cleaned: URL parsing (used for the domain) drops
 * CR, LF and tab, so "a@x.y\r\nBcc:" would otherwise come out as the valid-looking "a@x.ybcc".
 */
export function normalizeEmail(input: string): string | null {
  if (hasControls(input)) return null;
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 1 || at === trimmed.length - 1) return null;
  const local = trimmed.slice(0, at);
  const domain = asciiDomain(trimmed.slice(at + 1));
  if (!domain) return null;
  const email = `${local}@${domain}`;
  return email.length <= EMAIL_MAX && EMAIL_PATTERN.test(email) ? email : null;
}

/** E.164 ("+77011234567") for a valid number, read with the site's default country when no "+" is typed. */
export function normalizePhone(
  input: string,
  defaultCountry: string,
  metadata: MetadataJson,
): { e164: string; country: string } | null {
  if (hasControls(input)) return null;
  const phone = parsePhoneNumberFromString(input.trim(), defaultCountry as CountryCode, metadata);
  if (!phone?.isValid()) return null;
  return { e164: phone.number, country: phone.country ?? '' };
}

/**
 * The identity of a normalised contact: an email's local part is case-insensitive here (mail
 * providers treat it so, and six case variants must not be six accounts or six limit keys), so
 * the whole address is lower-cased; the local part is ASCII, so lower-casing is unambiguous.
 * A phone's E.164 form is its own key.
 */
export function contactKey(contact: string): string {
  return contact.includes('@') ? contact.toLowerCase() : contact;
}

/** An email if it has an "@", otherwise a phone number. */
export function parseContact(input: string, defaultCountry: string, metadata: MetadataJson): Contact | null {
  return contactForChannel(input.includes('@') ? 'email' : 'phone', input, defaultCountry, metadata);
}

/** The contact as the reader chose it on the "По телефону" / "По эл. почте" tab; null when it is not one. */
export function contactForChannel(
  channel: 'phone' | 'email',
  input: string,
  defaultCountry: string,
  metadata: MetadataJson,
): Contact | null {
  if (channel === 'email') {
    const email = normalizeEmail(input);
    return email ? { kind: 'email', value: email } : null;
  }
  if (input.includes('@')) return null;
  const phone = normalizePhone(input, defaultCountry, metadata);
  return phone ? { kind: 'phone', value: phone.e164, country: phone.country } : null;
}

function asciiDomain(domain: string): string | null {
  try {
    const hostname = new URL(`http://${domain}`).hostname;
    return hostname.includes('.') && !hostname.endsWith('.') ? hostname : null;
  } catch {
    return null;
  }
}
