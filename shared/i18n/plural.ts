import type { Language } from './languages.ts';

/** The noun forms a count takes: "1 минута", "3 минуты", "5 минут"; "1 minute", "5 minutes". */
export interface PluralForms {
  one: string;
  few: string;
  many: string;
}

/**
 * Which form a whole count wants, by our own rules rather than Intl.PluralRules: a browser that
 * lacks a language's locale data (Kazakh, in many builds) answers with English rules there.
 * Russian: 1, 21, 101 → one; 2–4, 22–24 → few; 0, 5–20, 25 → many. English: 1 → one, else many.
 * Kazakh nouns keep the singular after a numeral ("5 минут"), so its forms are all the same word.
 */
export function pluralForm(lang: Language, count: number): keyof PluralForms {
  const n = Math.abs(Math.trunc(count));
  if (lang !== 'ru') return n === 1 ? 'one' : 'many';
  const tens = n % 100;
  const units = n % 10;
  if (units === 1 && tens !== 11) return 'one';
  if (units >= 2 && units <= 4 && (tens < 12 || tens > 14)) return 'few';
  return 'many';
}

/** The count and its noun in the form the language wants: "21 секунда", "5 seconds". */
export function plural(lang: Language, count: number, forms: PluralForms): string {
  return forms[pluralForm(lang, count)].replace('{n}', String(count));
}
