import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import {
  type Dictionary,
  defaultLanguage,
  dictionary,
  isLanguage,
  type Language,
} from '../../shared/i18n/index.ts';

export interface Locale {
  lang: Language;
  t: Dictionary;
}

export function localeOf(lang: string | undefined): Locale {
  const chosen = isLanguage(lang) ? lang : defaultLanguage;
  return { lang: chosen, t: dictionary(chosen) };
}

export const LocaleContext = createContext<Locale>(localeOf(undefined));

export const useLocale = () => useContext(LocaleContext);

/** The reader's message for an error code; unknown codes read as a generic failure. */
export function errorText(t: Dictionary, code: string): string {
  return (t.errors as Record<string, string>)[code] ?? t.errors.internal;
}
