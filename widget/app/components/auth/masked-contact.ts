import type { Channel } from '../../../../shared/api.ts';
import { contactForChannel } from '../../../../shared/contact.ts';

const DOTS = '•••';

/**
 * Where the code went, with enough hidden that a shoulder-surfer learns little: "+7 701 ••• •• 67",
 * "a•••@example.org". Readers recognise their own number by its start and end. Only +7 and +1
 * numbers are split after the country code: the rest would need the numbering plans' metadata.
 */
export function maskedContact(channel: Channel, typed: string, defaultCountry: string): string {
  const contact = contactForChannel(channel, typed, defaultCountry);
  if (!contact) return '';
  if (contact.kind === 'email') {
    const at = contact.value.lastIndexOf('@');
    return `${contact.value.slice(0, 1)}${DOTS}${contact.value.slice(at)}`;
  }
  const digits = contact.value.slice(1);
  const last = digits.slice(-2);
  if (/^[17]\d{10}$/.test(digits)) return `+${digits[0]} ${digits.slice(1, 4)} ${DOTS} •• ${last}`;
  return `+${digits.slice(0, 5)} ${DOTS} ${last}`;
}
