/**
 * Localised dates: "5 минут назад" in the thread, "1 декабря 2026 в 19:20" on hover and in the
 * panel. Built from our own dictionaries (reader/*.ts `time`) and plural rules, never from the
 * browser's Intl: a Chromium without Kazakh locale data would print "now", "-5 min" and
 * "2026 M12 1 19:20" in a Kazakh thread. The clock is the reader's own (the browser's time zone).
 */
import type { Language } from './i18n/languages.ts';
import { type PluralForms, plural } from './i18n/plural.ts';

/** The words a language dates with; each dictionary's `time` section. */
export interface TimeWords {
  /** Less than a minute ago (or a clock a little ahead of the server's). */
  now: string;
  yesterday: string;
  minutes: PluralForms;
  hours: PluralForms;
  days: PluralForms;
  weeks: PluralForms;
  months: PluralForms;
  years: PluralForms;
  /** January to December, in the form a date takes ("1 декабря" in Russian). */
  monthNames: string[];
  /** With {day}, {month}, {year} and {time} (24-hour "19:05"). */
  date: string;
}

export interface Dates {
  /** "5 минут назад" for a moment `timestamp` before `now` (both ms since the epoch). */
  relative(timestamp: number, now: number): string;
  /** "1 декабря 2026 в 19:20", in the reader's time zone. */
  full(timestamp: number): string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const built = new Map<Language, { words: TimeWords; dates: Dates }>();

/** The date texts of one language, built once per language (and again only for other words). */
export function datesFor(lang: Language, words: TimeWords): Dates {
  const known = built.get(lang);
  if (known?.words === words) return known.dates;
  const dates = buildDates(lang, words);
  built.set(lang, { words, dates });
  return dates;
}

function buildDates(lang: Language, words: TimeWords): Dates {
  const count = (n: number, forms: PluralForms) => plural(lang, n, forms);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    relative(timestamp, now) {
      const ago = now - timestamp;
      if (ago < MINUTE) return words.now;
      if (ago < HOUR) return count(Math.floor(ago / MINUTE), words.minutes);
      if (ago < DAY) return count(Math.floor(ago / HOUR), words.hours);
      const days = Math.floor(ago / DAY);
      if (days === 1) return words.yesterday;
      if (days < 7) return count(days, words.days);
      if (days < 30) return count(Math.floor(days / 7), words.weeks);
      if (days < 365) return count(Math.floor(days / 30), words.months);
      return count(Math.floor(days / 365), words.years);
    },
    full(timestamp) {
      const at = new Date(timestamp);
      return words.date
        .replace('{day}', String(at.getDate()))
        .replace('{month}', words.monthNames[at.getMonth()] ?? '')
        .replace('{year}', String(at.getFullYear()))
        .replace('{time}', `${two(at.getHours())}:${two(at.getMinutes())}`);
    },
  };
}
