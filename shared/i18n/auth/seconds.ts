import type { Language } from '../languages.ts';
import { pluralForm } from '../plural.ts';
import type { AuthDictionary } from './en.ts';

/** "59 секунд", "21 секунда", "3 секунды": the count with the noun form the language wants. */
export function secondsText(dict: AuthDictionary, lang: Language, count: number): string {
  return `${count} ${dict.seconds[pluralForm(lang, count)]}`;
}
