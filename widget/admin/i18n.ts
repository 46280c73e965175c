/**
 * The panel's language and texts: the shared dictionary (errors, reasons, dates) plus the admin
 * one. Only the panel's language is downloaded: each language's two dictionaries are a chunk of
 * their own (texts/<lang>.ts), loaded before the first render (main.tsx). Tests and the server
 * take every language at once from ./locales.ts.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AdminDictionary } from '../../shared/i18n/admin/en.ts';
import { defaultLanguage, isLanguage, type Language } from '../../shared/i18n/index.ts';
import type { Dictionary } from '../../shared/i18n/reader/en.ts';
import { datesFor } from '../../shared/time.ts';

export interface AdminLocale {
  lang: Language;
  /** Shared texts: error messages and complaint reasons. */
  t: Dictionary;
  /** The panel's own texts. */
  a: AdminDictionary;
}

const chunks: Record<Language, () => Promise<{ a: AdminDictionary; t: Dictionary }>> = {
  ru: () => import('./texts/ru.ts'),
  kk: () => import('./texts/kk.ts'),
  en: () => import('./texts/en.ts'),
};

/**
 * The locales in use, by language: dateText reads its month names here, so every component can
 * format a date with the `lang` it already has.
 */
const inUse = new Map<Language, AdminLocale>();

/** Registers a locale (built by loadAdminLocale, or by tests from every dictionary at once). */
export function registerLocale(locale: AdminLocale): AdminLocale {
  inUse.set(locale.lang, locale);
  return locale;
}

export async function loadAdminLocale(lang: Language): Promise<AdminLocale> {
  const { a, t } = await chunks[lang]();
  return registerLocale({ lang, t, a });
}

/** `?lang=kk|en` wins, then the page's `lang` attribute, then Russian. */
export function pickLanguage(search: string, documentLang: string): Language {
  const asked = new URLSearchParams(search).get('lang');
  if (isLanguage(asked)) return asked;
  const page = documentLang.toLowerCase().split('-')[0];
  return isLanguage(page) ? page : defaultLanguage;
}

/** Always provided by AdminApp with the locale mountAdmin was given. */
export const LocaleContext = createContext<AdminLocale>(undefined as unknown as AdminLocale);

export const useLocale = () => useContext(LocaleContext);

export function dateText(at: number, lang: Language): string {
  const locale = inUse.get(lang);
  if (!locale) throw new Error(`the ${lang} texts of the panel are not loaded`);
  return datesFor(lang, locale.t.time).full(at);
}

/**
 * A person's name as the panel shows it: an account erased at its owner's request keeps an empty
 * name, shown as "Удалённый пользователь" as the widget does.
 */
export function personName(name: string, a: AdminDictionary): string {
  return name.trim() === '' ? a.deletedUser : name;
}
