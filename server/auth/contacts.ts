/** A contact as typed, read for the channel it was typed on, with the site's default country. */
import type { Channel } from '../../shared/api.ts';
import { contactForChannel } from '../../shared/contact.ts';
import { Refusal } from '../refusal.ts';
import type { Site } from '../storage/sites.ts';

/** The contact in its normal form; the channel must match what was typed (no email on the phone tab). */
export function knownContact(channel: Channel, input: string, site: Site): string {
  const contact = contactForChannel(channel, input, site.defaultCountry);
  if (!contact) throw new Refusal('contact_invalid');
  return contact.value;
}

/** A contact we may send to: phones only in the site's SMS countries (SMS pumping, toll fraud). */
export function sendableContact(channel: Channel, input: string, site: Site): string {
  const contact = contactForChannel(channel, input, site.defaultCountry);
  if (!contact) throw new Refusal('contact_invalid');
  if (contact.kind === 'phone' && !site.settings.smsCountries.includes(contact.country)) {
    throw new Refusal('sms_country_not_allowed');
  }
  return contact.value;
}
