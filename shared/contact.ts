/**
 * Contacts as the server reads them: contact-rules.ts with libphonenumber-js's metadata of every
 * country, so that the server judges any number whatever the widget knew of it.
 */
import metadata from 'libphonenumber-js/min/metadata';
import * as rules from './contact-rules.ts';

export { type Contact, contactKey, normalizeEmail } from './contact-rules.ts';

export const normalizePhone = (input: string, defaultCountry: string) =>
  rules.normalizePhone(input, defaultCountry, metadata);

export const parseContact = (input: string, defaultCountry: string) =>
  rules.parseContact(input, defaultCountry, metadata);

export const contactForChannel = (channel: 'phone' | 'email', input: string, defaultCountry: string) =>
  rules.contactForChannel(channel, input, defaultCountry, metadata);
