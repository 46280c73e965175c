import type { Channel } from '../../../../shared/api.ts';
import { normalizeEmail } from '../../../../shared/contact-rules.ts';
import { phoneE164 } from '../../phone.ts';

const DOTS = '•••';

/**
 * Where the code went, with enough hidden that a shoulder-surfer learns little: "+7 701 ••• •• 67",
 * "a•••@example.org". Readers recognise their own number by its start and end. Only +7 and +1
 * numbers are split after the country code: the rest would need the numbering plans' metadata.
 */
export function maskedContact(channel: Channel, typed: string, defaultCountry: string): string {
  if (channel === 'email') {
    const email = normalizeEmail(typed);
    return email ? `${email.slice(0, 1)}${DOTS}${email.slice(email.lastIndexOf('@'))}` : '';
  }
  const e164 = phoneE164(typed, defaultCountry);
  if (!e164) return '';
  const digits = e164.slice(1);
  const last = digits.slice(-2);
  if (/^[17]\d{10}$/.test(digits)) return `+${digits[0]} ${digits.slice(1, 4)} ${DOTS} •• ${last}`;
  return `+${digits.slice(0, 5)} ${DOTS} ${last}`;
}
