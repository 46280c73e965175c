import type { BanView } from '../../shared/api.ts';
import { ApiFailure } from '../../shared/client.ts';
import { fill } from '../../shared/i18n/fill.ts';
import { defaultLanguage, isLanguage, type Language } from '../../shared/i18n/languages.ts';
import type { Dictionary } from '../../shared/i18n/reader/en.ts';
import { completeDictionary, type LaterPart } from '../../shared/i18n/reader/parts.ts';
import { countOf, datesFor } from '../../shared/time.ts';
import { errorText } from '../ui/error-text.ts';
import { signal } from './signals.ts';

export interface Locale {
  lang: Language;
  t: Dictionary;
}

const warned = new Set<string>();

/**
 * The reader's dictionary, and only theirs: each language is a chunk of its own, which the
 * loader preloads beside the app so this import costs no extra round trip.
 */
export async function loadLocale(lang: string | undefined): Promise<Locale> {
  const chosen = isLanguage(lang) ? lang : defaultLanguage;
  if (lang && chosen !== lang && !warned.has(lang)) {
    // Once per value: a page with two widgets or a remount does not repeat it.
    warned.add(lang);
    console.warn('[pikir]', `unknown data-lang="${lang}" (ru, kk, en): showing ${chosen}`);
  }
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
/** How many later parts have arrived: read by what renders only once its texts are there. */
const arrivals = signal(0);

/**
 * Whether `t` has its later part, for the admins' buttons (pin, close the thread) whose texts it
 * holds: they appear when it arrives, shortly after the first paint.
 */
export function laterArrived(t: Dictionary): boolean {
  // Read first, so that the component renders again when a part arrives.
  return arrivals.value >= 0 && t.report !== undefined;
}

/**
 * The texts only a click or an admin leads to (the forms, the report dialog, most errors), added to the locale's
 * dictionary in place; the on-click forms and the auth flows wait for them. The built widget's
 * dictionary chunks hold the reading part only (shared/i18n/reader/parts.ts); a whole one has
 * nothing to add.
 */
export function completeLocale({ lang, t }: Locale): Promise<void> {
  if (t.report) return Promise.resolve();
  let done = completing.get(t);
  if (!done) {
    done = laterParts[lang]().then(
      (part) => {
        completeDictionary(t, part.default);
        arrivals.value++;
      },
      (error) => {
        completing.delete(t);
        throw error;
      },
    );
    completing.set(t, done);
  }
  return done;
}

/**
 * A failed request as the reader should read it, with the ban's end where known. The seconds of a
 * rate_limited wait are not in it: components/failure.tsx counts them down live.
 */
export function failureText({ t, lang }: Locale, error: unknown): string {
  if (!(error instanceof ApiFailure)) return t.errors.internal;
  const { code, details } = error;
  if (code === 'banned') {
    return banText(
      { t, lang },
      {
        until: typeof details.until === 'number' ? details.until : null,
        reason: String(details.reason ?? ''),
      },
    );
  }
  // Posting again within the gap between two comments is a pace, not "too many attempts".
  if (code === 'rate_limited' && details.interval) {
    return fill(t.comments.pace, { time: countOf(lang, details.interval, t.time.units.second) });
  }
  return errorText(t, code);
}

/** "Вы не можете оставлять комментарии на этом сайте до … Причина: …": a ban, as its reader reads it. */
export function banText({ t, lang }: Locale, ban: BanView): string {
  const text =
    ban.until === null
      ? t.comments.bannedForever
      : fill(t.comments.bannedUntil, { date: datesFor(lang, t.time).full(ban.until) });
  return ban.reason ? `${text} ${fill(t.comments.banReason, { reason: ban.reason })}` : text;
}
