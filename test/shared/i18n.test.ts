import { describe, expect, it } from 'vitest';
import { errorStatus } from '../../shared/errors.ts';
import { en } from '../../shared/i18n/en.ts';
import { dictionary, languages } from '../../shared/i18n/index.ts';
import { ru } from '../../shared/i18n/ru.ts';

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === 'object' && inner !== null ? keys(inner, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('dictionaries', () => {
  it('have the same keys in every language, none empty', () => {
    for (const lang of languages) {
      const dict = dictionary(lang);
      expect(keys(dict).sort()).toEqual(keys(en).sort());
      for (const key of keys(dict)) {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], dict);
        expect(typeof value === 'string' && value.trim().length > 0, `${lang}.${key}`).toBe(true);
      }
    }
  });

  it('translate every error code the server can answer', () => {
    for (const code of Object.keys(errorStatus)) expect(Object.keys(en.errors)).toContain(code);
  });

  it('use the customer texts verbatim in Russian', () => {
    expect(ru.thread.header).toBe('Комментарии');
  });
});
