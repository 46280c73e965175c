import { AsYouType } from 'libphonenumber-js/min';
import fullMetadata from 'libphonenumber-js/min/metadata';
import { describe, expect, it, vi } from 'vitest';
import { phoneCountries, phoneMetadataFiles, phoneMetadataFor } from '../../scripts/phone-metadata.ts';
import { normalizePhone } from '../../shared/contact.ts';
import { normalizePhone as normalizeWith } from '../../shared/contact-rules.ts';
import { formatPhone, loadPhoneMetadata, phoneAcceptable } from '../../widget/app/phone.ts';

const cut = async (country: string) => phoneMetadataFor(fullMetadata, [country]);

describe("a site's own countries' phone metadata", () => {
  it('is small, and carries every country of the calling codes it covers', () => {
    const kz = phoneMetadataFor(fullMetadata, ['KZ']) as unknown as {
      countries: Record<string, unknown>;
      country_calling_codes: Record<string, string[]>;
    };
    expect(Object.keys(kz.countries).sort()).toEqual(['KZ', 'RU']);
    expect(kz.country_calling_codes).toEqual({ 7: ['RU', 'KZ'] });
    expect(JSON.stringify(kz).length).toBeLessThan(JSON.stringify(fullMetadata).length / 50);
    expect(phoneCountries(fullMetadata)).toContain('UZ');
  });

  it('reads numbers of its codes exactly as the whole metadata does', () => {
    const kz = phoneMetadataFor(fullMetadata, ['KZ']);
    for (const input of [
      '87011234567',
      '8 (701) 123 4567',
      '+77011234567',
      '+7 727 258 1234',
      '+7 916 123 4567',
      '8 916 123 45 67',
      '+7701123456',
      '7011234567',
      '+7 999',
      '12345',
    ]) {
      expect(normalizeWith(input, 'KZ', kz), input).toEqual(normalizePhone(input, 'KZ'));
    }
  });

  it('goes into files named by their content, which are cached for a year', () => {
    const { prefix, files } = phoneMetadataFiles(fullMetadata);
    expect(prefix).toMatch(/^phone-[\w-]{10}-$/);
    expect(files.get('KZ')).toBe(JSON.stringify(phoneMetadataFor(fullMetadata, ['KZ'])));
    expect(phoneMetadataFiles(structuredClone(fullMetadata)).prefix).toBe(prefix);
    // Other bytes under the same library version (a change to the cut) get other names.
    const changed = structuredClone(fullMetadata) as unknown as { countries: Record<string, unknown[]> };
    changed.countries.KZ = [...changed.countries.KZ!, 'changed'];
    expect(phoneMetadataFiles(changed as unknown as typeof fullMetadata).prefix).not.toBe(prefix);
  });
});

describe('phone numbers in the widget', () => {
  it('loads each country once and formats as the reader types, as with the whole metadata', async () => {
    expect(formatPhone('87011234567', 'KZ')).toBe('87011234567');
    const fetch = vi.fn(cut);
    await loadPhoneMetadata(['KZ', 'KZ'], fetch);
    await loadPhoneMetadata(['KZ'], fetch);
    expect(fetch.mock.calls).toEqual([['KZ']]);
    for (const typed of ['8701', '87011234567', '+7701123', '+77011234567', '8 727 2']) {
      expect(formatPhone(typed, 'KZ'), typed).toBe(new AsYouType('KZ').input(typed));
    }
    expect(formatPhone('87011234567', 'KZ')).toBe('8 (701) 123 4567');
  });

  it('refuses what its countries refuse and leaves other calling codes to the server', async () => {
    await loadPhoneMetadata(['KZ'], cut);
    expect(phoneAcceptable('8 701 123 4567', 'KZ')).toBe(true);
    expect(phoneAcceptable('+7 916 123 4567', 'KZ')).toBe(true);
    expect(phoneAcceptable('+7 701 123', 'KZ')).toBe(false);
    expect(phoneAcceptable('8 701', 'KZ')).toBe(false);
    expect(phoneAcceptable('hello', 'KZ')).toBe(false);
    expect(phoneAcceptable('+', 'KZ')).toBe(false);
    // Uzbekistan and the USA: the server, with every country's metadata, decides.
    expect(phoneAcceptable('+998 90 123 45 67', 'KZ')).toBe(true);
    expect(normalizePhone('+998 90 123 45 67', 'KZ')?.country).toBe('UZ');
    expect(phoneAcceptable('+1 202 555 0143', 'KZ')).toBe(true);
  });

  it('adds another country of the site to what it has', async () => {
    expect(phoneAcceptable('+998 90 12', 'KZ')).toBe(true);
    await loadPhoneMetadata(['UZ'], cut);
    expect(phoneAcceptable('+998 90 12', 'KZ')).toBe(false);
    expect(phoneAcceptable('+998 90 123 45 67', 'KZ')).toBe(true);
    expect(formatPhone('+998901234567', 'KZ')).toBe('+998 90 123 45 67');
    expect(phoneAcceptable('8 701 123 4567', 'KZ')).toBe(true);
  });

  it('takes a country without metadata as one whose numbers only the server can judge', async () => {
    const fetch = vi.fn(async () => ({ countries: {}, country_calling_codes: {} }) as never);
    await loadPhoneMetadata(['XX'], fetch);
    await loadPhoneMetadata(['XX'], fetch);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(formatPhone('12345', 'XX')).toBe('12345');
    expect(phoneAcceptable('+99 123', 'XX')).toBe(true);
    expect(phoneAcceptable('12345', 'XX')).toBe(false);
  });
});
