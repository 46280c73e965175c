/**
 * As-you-type phone formatting with the site's default country: "87011234567" reads
 * "8 (701) 123 4567", "+77011234567" reads "+7 701 123 4567". Only the lazily loaded auth chunk
 * imports this (libphonenumber-js with its `min` metadata is most of that chunk).
 */
import { AsYouType, type CountryCode } from 'libphonenumber-js/min';

export function formatPhone(typed: string, defaultCountry: string): string {
  return new AsYouType(defaultCountry as CountryCode).input(typed);
}
