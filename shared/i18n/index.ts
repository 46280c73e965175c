import { type Dictionary, en } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';

export type { Dictionary };
export const languages = ['ru', 'kk', 'en'] as const;
export type Language = (typeof languages)[number];
/** The first customer's readers read Russian; every other choice is explicit. */
export const defaultLanguage: Language = 'ru';

const dictionaries: Record<Language, Dictionary> = { ru, kk, en };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function dictionary(lang: Language): Dictionary {
  return dictionaries[lang];
}
