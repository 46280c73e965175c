import type { Language } from './languages.ts';

/**
 * Which form a whole count wants, by our own rules rather than Intl.PluralRules: a browser that
 * lacks a language's locale data (Kazakh, in many builds) answers with English rules there.
 * Russian: 1, 21, 101 → one; 2–4, 22–24 → few; 0, 5–20, 25 → many. English: 1 → one, else many.
 * Kazakh nouns keep the singular after a numeral ("5 минут"), so its words have one form.
 */
export function pluralForm(lang: Language, count: number): 'one' | 'few' | 'many' {
  const n = Math.abs(Math.trunc(count));
  if (lang !== 'ru') return n === 1 ? 'one' : 'many';
  const tens = n % 100;
  const units = n % 10;
  if (units === 1 && tens !== 11) return 'one';
  if (units >= 2 && units <= 4 && (tens < 12 || tens > 14)) return 'few';
  return 'many';
}

/**
 * The form of `forms` ("минуту|минуты|минут", "minute|minutes", "минут": one, few, many, the last
 * standing for those a language does not tell apart) that `count` takes.
 */
export function pluralWord(lang: Language, count: number, forms: string): string {
  const all = forms.split('|');
  const index = { one: 0, few: 1, many: 2 }[pluralForm(lang, count)];
  return all[Math.min(index, all.length - 1)] ?? '';
}
