/**
 * Phone numbers in the auth chunk: checked and formatted as typed with the metadata of the site's
 * own countries only (its default country and those it sends SMS to), about 0.5 KB per country
 * instead of libphonenumber-js's 20 KB for the world. The build writes one file per country
 * (scripts/phone-metadata.ts); a number of a calling code those files do not cover goes to the
 * server unchecked, and the server, which reads every country, is the judge.
 */
import { AsYouType, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import { contactForChannel } from '../../shared/contact-rules.ts';

/** "phone-<hash of the files>-", the start of each country's file name in assets/. */
declare const __PIKIR_PHONE__: string;

type Metadata = MetadataJson & {
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
};

export type FetchMetadata = (country: string) => Promise<MetadataJson>;

const metadata: Metadata = {
  version: 4,
  country_calling_codes: {},
  countries: {},
  nonGeographic: {},
} as unknown as Metadata;

/** The build's file for a country, next to this chunk in assets/ (cached for a year: its name changes with its content). */
const fetchFile: FetchMetadata = async (country) => {
  // A name in a variable: Vite rewrites `new URL(literal, import.meta.url)` into a look-up of
  // files it bundles, and these are written after bundling.
  const file = `${__PIKIR_PHONE__}${country}.json`;
  const response = await fetch(new URL(file, import.meta.url));
  // A code libphonenumber-js does not know has no file: its numbers are the server's to judge.
  if (response.status === 404) return { countries: {}, country_calling_codes: {} } as unknown as MetadataJson;
  if (!response.ok) throw new Error(`phone metadata for ${country}: HTTP ${response.status}`);
  return response.json();
};

/** Countries asked for already, with or without metadata. */
const loaded = new Set<string>();

/** Adds the countries' metadata to what this page has; countries already there cost nothing. */
export async function loadPhoneMetadata(countries: string[], fetchJson = fetchFile): Promise<void> {
  const missing = [...new Set(countries)].filter((c) => !loaded.has(c));
  const parts = (await Promise.all(missing.map((c) => fetchJson(c)))) as Metadata[];
  for (const c of missing) loaded.add(c);
  for (const part of parts) {
    Object.assign(metadata.countries, part.countries);
    Object.assign(metadata.country_calling_codes, part.country_calling_codes);
    metadata.version = part.version;
  }
}

const known = (country: string) => country in metadata.countries;

/** "87011234567" reads "8 (701) 123 4567", "+77011234567" reads "+7 701 123 4567". */
export function formatPhone(typed: string, defaultCountry: string): string {
  if (!known(defaultCountry)) return typed;
  return new AsYouType(defaultCountry as CountryCode, metadata).input(typed);
}

/**
 * Whether the number may be sent: valid for its country, or written with a calling code that
 * none of the site's countries has ("+998 …" on a Kazakh site), which only the server can tell.
 */
export function phoneAcceptable(input: string, defaultCountry: string): boolean {
  if (known(defaultCountry) && contactForChannel('phone', input, defaultCountry, metadata)) return true;
  const digits = input.trim().startsWith('+') ? input.replace(/\D/g, '') : '';
  return digits.length > 0 && ![1, 2, 3].some((n) => digits.slice(0, n) in metadata.country_calling_codes);
}

/**
 * The number in E.164 ("+77011234567") for the code step's masked destination; a number of a
 * calling code this page has no metadata for is taken as typed when it starts with "+".
 */
export function phoneE164(input: string, defaultCountry: string): string | null {
  const contact = known(defaultCountry) ? contactForChannel('phone', input, defaultCountry, metadata) : null;
  if (contact) return contact.value;
  const digits = input.replace(/\D/g, '');
  return input.trim().startsWith('+') && digits ? `+${digits}` : null;
}
