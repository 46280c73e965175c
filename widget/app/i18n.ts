import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { ApiFailure } from '../../shared/client.ts';
import { fill } from '../../shared/i18n/fill.ts';
import { defaultLanguage, isLanguage, type Language } from '../../shared/i18n/languages.ts';
import type { Dictionary } from '../../shared/i18n/reader/en.ts';
import { completeDictionary, type LaterPart } from '../../shared/i18n/reader/parts.ts';
import { countOf, datesFor } from '../../shared/time.ts';
import { errorText } from '../ui/error-text.ts';

export interface Locale {
  lang: Language;
  t: Dictionary;
}

/**
 * The reader's dictionary, and only theirs: each language is a chunk of its own, which the
 * loader preloads beside the app so this import costs no extra round trip.
 */
export async function loadLocale(lang: string | undefined): Promise<Locale> {
  const chosen = isLanguage(lang) ? lang : defaultLanguage;
  const t =
    chosen === 'kk'
      ? (await import('../../shared/i18n/reader/kk.ts')).kk
      : chosen === 'en'
        ? (await import('../../shared/i18n/reader/en.ts')).en
        : (await import('../../shared/i18n/reader/ru.ts')).ru;
  return { lang: chosen, t };
}

const laterParts: Record<Language, () => Promise<{ default: LaterPart }>> = {
  ru: () => import('virtual:pikir-reader-later/ru'),
  kk: () => import('virtual:pikir-reader-later/kk'),
  en: () => import('virtual:pikir-reader-later/en'),
};
const completing = new Map<Dictionary, Promise<void>>();

/**
 * The texts only a click leads to (the report dialog, most errors), added to the locale's
 * dictionary in place; the on-click forms and the auth flows wait for them. The built widget's
 * dictionary chunks hold the reading part only (shared/i18n/reader/parts.ts); a whole one has
 * nothing to add.
 */
export function completeLocale({ lang, t }: Locale): Promise<void> {
  if (t.report) return Promise.resolve();
  let done = completing.get(t);
  if (!done) {
    done = laterParts[lang]().then(
      (part) => completeDictionary(t, part.default),
      (error) => {
        completing.delete(t);
        throw error;
      },
    );
    completing.set(t, done);
  }
  return done;
}

// Always provided by App; there is no sensible default without loading a dictionary.
export const LocaleContext = createContext<Locale>(null as unknown as Locale);

export const useLocale = () => useContext(LocaleContext);

/**
 * A failed request as the reader should read it, with the ban's end where known. The seconds of a
 * rate_limited wait are not in it: components/failure.tsx counts them down live.
 */
export function failureText({ t, lang }: Locale, error: unknown): string {
  if (!(error instanceof ApiFailure)) return t.errors.internal;
  const { code, details } = error;
  if (code === 'banned') {
    const ban =
      typeof details.until === 'number'
        ? fill(t.comments.bannedUntil, { date: datesFor(lang, t.time).full(details.until) })
        : t.comments.bannedForever;
    return details.reason ? `${ban} ${fill(t.comments.banReason, { reason: details.reason })}` : ban;
  }
  // Posting again within the gap between two comments is a pace, not "too many attempts".
  if (code === 'rate_limited' && details.interval) {
    return fill(t.comments.pace, { time: countOf(lang, details.interval, t.time.units.second) });
  }
  return errorText(t, code);
}
