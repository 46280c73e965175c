/** Every dictionary at once, for the server (SMS and email texts) and tests. */
import { type Dictionary, en } from './en.ts';
import { kk } from './kk.ts';
import type { Language } from './languages.ts';
import { ru } from './ru.ts';

export { defaultLanguage, isLanguage, type Language, languages } from './languages.ts';
export type { Dictionary };

const dictionaries: Record<Language, Dictionary> = { ru, kk, en };

export function dictionary(lang: Language): Dictionary {
  return dictionaries[lang];
}
