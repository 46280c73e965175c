/**
 * Localised dates: "5 минут назад" in the thread, "1 декабря 2026 в 19:20" on hover and in the
 * panel. Built from our own dictionaries (reader/*.ts `time`) and plural rules, never from the
 * browser's Intl: a Chromium without Kazakh locale data would print "now", "-5 min" and
 * "2026 M12 1 19:20" in a Kazakh thread. The clock is the reader's own (the browser's time zone).
 */
import type { Language } from './i18n/languages.ts';
import { pluralWord } from './i18n/plural.ts';

/** The words a language dates with; each reader dictionary's `time` section. */
export interface TimeWords {
  /** Less than a minute ago (or a clock a little ahead of the server's). */
  now: string;
  yesterday: string;
  /** "{n} {unit} назад". */
  ago: string;
  /** The forms of each unit for shared/i18n/plural.ts: "минуту|минуты|минут". */
  units: {
    second: string;
    minute: string;
    hour: string;
    day: string;
    week: string;
    month: string;
    year: string;
  };
  /** January to December, in the form a date takes ("1 декабря" in Russian), space-separated. */
  monthNames: string;
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

/** "5 минут", "1 second": a count and its unit in the form the language wants. */
export function countOf(lang: Language, n: number, forms: string): string {
  return `${n} ${pluralWord(lang, n, forms)}`;
}

function buildDates(lang: Language, words: TimeWords): Dates {
  const months = words.monthNames.split(' ');
  const { units } = words;
  const ago = (n: number, forms: string) =>
    words.ago.replace('{n}', String(n)).replace('{unit}', pluralWord(lang, n, forms));
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    relative(timestamp, now) {
      const passed = now - timestamp;
      if (passed < MINUTE) return words.now;
      if (passed < HOUR) return ago(Math.floor(passed / MINUTE), units.minute);
      if (passed < DAY) return ago(Math.floor(passed / HOUR), units.hour);
      const days = Math.floor(passed / DAY);
      if (days === 1) return words.yesterday;
      if (days < 7) return ago(days, units.day);
      if (days < 30) return ago(Math.floor(days / 7), units.week);
      if (days < 365) return ago(Math.floor(days / 30), units.month);
      return ago(Math.floor(days / 365), units.year);
    },
    full(timestamp) {
      const at = new Date(timestamp);
      return words.date
        .replace('{day}', String(at.getDate()))
        .replace('{month}', months[at.getMonth()] ?? '')
        .replace('{year}', String(at.getFullYear()))
        .replace('{time}', `${two(at.getHours())}:${two(at.getMinutes())}`);
    },
  };
}
