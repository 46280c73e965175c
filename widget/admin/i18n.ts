/** The panel's language and texts: the shared dictionary (errors, reasons) plus the admin one. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { adminDictionaries } from '../../shared/i18n/admin/dictionaries.ts';
import type { AdminDictionary } from '../../shared/i18n/admin/en.ts';
import { defaultLanguage, isLanguage, type Language } from '../../shared/i18n/index.ts';
import { readerDictionaries } from '../../shared/i18n/reader/dictionaries.ts';
import type { Dictionary } from '../../shared/i18n/reader/en.ts';
import { datesFor } from '../../shared/time.ts';

export interface AdminLocale {
  lang: Language;
  /** Shared texts: error messages and complaint reasons. */
  t: Dictionary;
  /** The panel's own texts. */
  a: AdminDictionary;
}

export function adminLocaleOf(lang: Language): AdminLocale {
  return { lang, t: readerDictionaries[lang], a: adminDictionaries[lang] };
}

/** `?lang=kk|en` wins, then the page's `lang` attribute, then Russian. */
export function pickLanguage(search: string, documentLang: string): Language {
  const asked = new URLSearchParams(search).get('lang');
  if (isLanguage(asked)) return asked;
  const page = documentLang.toLowerCase().split('-')[0];
  return isLanguage(page) ? page : defaultLanguage;
}

export const LocaleContext = createContext<AdminLocale>(adminLocaleOf(defaultLanguage));

export const useLocale = () => useContext(LocaleContext);

export function dateText(at: number, lang: Language): string {
  return datesFor(lang, readerDictionaries[lang].time).full(at);
}

/**
 * A person's name as the panel shows it: an account erased at its owner's request keeps an empty
 * name, shown as "Удалённый пользователь" as the widget does.
 */
export function personName(name: string, a: AdminDictionary): string {
  return name.trim() === '' ? a.deletedUser : name;
}
