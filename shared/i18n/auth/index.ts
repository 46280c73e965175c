import type { Language } from '../index.ts';
import { type AuthDictionary, authEn } from './en.ts';
import { authKk } from './kk.ts';
import { authRu } from './ru.ts';

export type { AuthDictionary };

const dictionaries: Record<Language, AuthDictionary> = { ru: authRu, kk: authKk, en: authEn };

export function authDictionary(lang: Language): AuthDictionary {
  return dictionaries[lang];
}

/** "59 секунд", "21 секунда", "3 секунды": the count with the noun form the language wants. */
export function secondsText(dict: AuthDictionary, lang: Language, count: number): string {
  const form = new Intl.PluralRules(lang).select(count) as keyof AuthDictionary['seconds'];
  return `${count} ${dict.seconds[form] ?? dict.seconds.other}`;
}
