import { describe, expect, it } from 'vitest';
import { contactForChannel, normalizeEmail, normalizePhone, parseContact } from '../../shared/contact.ts';

describe('contacts', () => {
  it('normalises emails: trims, lower-cases the domain, keeps the local part', () => {
    expect(normalizeEmail('  Ivan.Petrov@Mail.KZ ')).toBe('Ivan.Petrov@mail.kz');
  });

  it('turns an international domain into punycode', () => {
    expect(normalizeEmail('user@пример.рф')).toBe('user@xn--e1afmkfd.xn--p1ai');
  });

  it('refuses what is not an email', () => {
    for (const bad of [
      '',
      'a@',
      '@a.kz',
      'a@b',
      'a b@c.kz',
      `${'a'.repeat(250)}@b.kz`,
      `${'a'.repeat(65)}@b.kz`,
    ]) {
      expect(normalizeEmail(bad)).toBeNull();
    }
  });

  it('refuses address-list syntax that mail software would turn into another recipient', () => {
    for (const sneaky of [
      '1<victim@mail.kz',
      '(2)victim@mail.kz',
      'a,victim@mail.kz',
      '"a b"@mail.kz',
      'a..b@mail.kz',
      '.a@mail.kz',
      'a;b@mail.kz',
    ]) {
      expect(normalizeEmail(sneaky), sneaky).toBeNull();
    }
    expect(normalizeEmail("o'brien+news@mail.kz")).toBe("o'brien+news@mail.kz");
  });

  it('reads Kazakh numbers typed in any common way as one E.164 number', () => {
    for (const typed of ['+7 701 123 45 67', '8 (701) 123-45-67', '7011234567', '+77011234567']) {
      expect(normalizePhone(typed, 'KZ')).toEqual({ e164: '+77011234567', country: 'KZ' });
    }
  });

  it('refuses invalid numbers', () => {
    expect(normalizePhone('12345', 'KZ')).toBeNull();
    expect(normalizePhone('+7 000', 'KZ')).toBeNull();
  });

  it('reads a contact as the channel the reader chose, and refuses the other kind', () => {
    expect(contactForChannel('phone', '8 701 123 45 67', 'KZ')).toMatchObject({
      kind: 'phone',
      value: '+77011234567',
      country: 'KZ',
    });
    expect(contactForChannel('email', 'A@B.KZ', 'KZ')).toEqual({ kind: 'email', value: 'A@b.kz' });
    expect(contactForChannel('phone', 'a@b.kz', 'KZ')).toBeNull();
    expect(contactForChannel('email', '+77011234567', 'KZ')).toBeNull();
  });

  it('tells emails from phones', () => {
    expect(parseContact('a@b.kz', 'KZ')).toEqual({ kind: 'email', value: 'a@b.kz' });
    expect(parseContact('+7 701 123 4567', 'KZ')).toMatchObject({ kind: 'phone', value: '+77011234567' });
    expect(parseContact('nonsense', 'KZ')).toBeNull();
  });
});
