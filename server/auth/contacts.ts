/** A contact as typed, read for the channel it was typed on, with the site's default country. */
import type { Channel } from '../../shared/api.ts';
import { contactForChannel, contactKey } from '../../shared/contact.ts';
import { Refusal } from '../refusal.ts';
import type { Site } from '../storage/sites.ts';

/** A contact to send to: its identity, the address to write to, and a phone's country. */
export interface SendableContact {
  /** shared/contact.ts contactKey: what accounts, codes and limits are keyed by. */
  key: string;
  /** The normal form as typed: an email keeps the case of its local part. */
  address: string;
  country: string | null;
}

/** The contact's identity; the channel must match what was typed (no email on the phone tab). */
export function knownContact(channel: Channel, input: string, site: Site): string {
  const contact = contactForChannel(channel, input, site.defaultCountry);
  if (!contact) throw new Refusal('contact_invalid');
  return contactKey(contact.value);
}

/** A contact we may send to: phones only in the site's SMS countries (SMS pumping, toll fraud). */
export function sendableContact(channel: Channel, input: string, site: Site): SendableContact {
  const contact = contactForChannel(channel, input, site.defaultCountry);
  if (!contact) throw new Refusal('contact_invalid');
  if (contact.kind === 'phone' && !site.settings.smsCountries.includes(contact.country)) {
    throw new Refusal('sms_country_not_allowed');
  }
  const country = contact.kind === 'phone' ? contact.country : null;
  return { key: contactKey(contact.value), address: contact.value, country };
}
