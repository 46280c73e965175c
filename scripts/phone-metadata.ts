/**
 * Phone metadata for a few countries, cut out of libphonenumber-js's `min` metadata: what the
 * widget needs to check and format the numbers of a site's own countries, about 1 KB instead of
 * the whole world's 20 KB. The build writes one file per country (vite.config.ts); the widget
 * loads those of its site (widget/app/phone.ts). The server always reads the full metadata.
 *
 * A country that shares its calling code with others (KZ with RU under +7) comes with all of them:
 * formats are the main country's (RU), and a number of the code is read as the country whose
 * ranges it falls in. So a number of one of these codes is judged exactly as with the full
 * metadata; a number of another code is left to the server.
 */
import { createHash } from 'node:crypto';
import type { MetadataJson } from 'libphonenumber-js/core';

type Metadata = MetadataJson & {
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown[]>;
};

export function phoneMetadataFor(full: MetadataJson, countries: string[]): MetadataJson {
  const all = full as Metadata;
  const keep = new Set<string>();
  const codes: Record<string, string[]> = {};
  for (const country of countries) {
    const data = all.countries[country];
    if (!data) continue;
    const code = String(data[0]);
    codes[code] = all.country_calling_codes[code] ?? [country];
    for (const c of codes[code]) keep.add(c);
  }
  return {
    version: all.version,
    country_calling_codes: codes,
    countries: Object.fromEntries([...keep].map((c) => [c, all.countries[c]])),
    nonGeographic: {},
  } as MetadataJson;
}

/** Every country the metadata knows, for the build to write a file for each. */
export function phoneCountries(full: MetadataJson): string[] {
  return Object.keys((full as Metadata).countries);
}

/**
 * Every country's file as the build writes it, and the start of their names: a hash of them all.
 * The files are cached for a year, so their names change whenever their bytes do (a new
 * libphonenumber-js, or a change to this script), never only with the library's version.
 */
export function phoneMetadataFiles(full: MetadataJson): { prefix: string; files: Map<string, string> } {
  const files = new Map(
    phoneCountries(full).map((country) => [country, JSON.stringify(phoneMetadataFor(full, [country]))]),
  );
  const hash = createHash('sha256')
    .update([...files].join('\n'))
    .digest('base64url')
    .slice(0, 10);
  return { prefix: `phone-${hash}-`, files };
}
