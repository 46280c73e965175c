import type { Language } from '../languages.ts';
import type { AuthDictionary } from './en.ts';

/** "59 секунд", "21 секунда", "3 секунды": the count with the noun form the language wants. */
export function secondsText(dict: AuthDictionary, lang: Language, count: number): string {
  const form = new Intl.PluralRules(lang).select(count) as keyof AuthDictionary['seconds'];
  return `${count} ${dict.seconds[form] ?? dict.seconds.other}`;
}
