import { describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages.ts';
import { pluralForm } from '../../shared/i18n/plural.ts';
import { readerDictionaries } from '../../shared/i18n/reader/dictionaries.ts';
import { datesFor } from '../../shared/time.ts';

// Local time: the date texts use the reader's own clock, so the test builds its moments in it.
const now = new Date(2026, 10, 24, 12, 0, 0).getTime();
const minute = 60_000;
const day = 24 * 60 * minute;
const dates = (lang: Language) => datesFor(lang, readerDictionaries[lang].time);

describe('relative time', () => {
  it('speaks Russian with its three plural forms', () => {
    const ru = dates('ru');
    expect(ru.relative(now - 5 * minute, now)).toBe('5 минут назад');
    expect(ru.relative(now - 21 * minute, now)).toBe('21 минуту назад');
    expect(ru.relative(now - 2 * 60 * minute, now)).toBe('2 часа назад');
    expect(ru.relative(now - 11 * 60 * minute, now)).toBe('11 часов назад');
    expect(ru.relative(now - 10_000, now)).toBe('только что');
    expect(ru.relative(now + 10_000, now)).toBe('только что');
    expect(ru.relative(now - day, now)).toBe('вчера');
    expect(ru.relative(now - 3 * day, now)).toBe('3 дня назад');
    expect(ru.relative(now - 14 * day, now)).toBe('2 недели назад');
    expect(ru.relative(now - 5 * 365 * day, now)).toBe('5 лет назад');
  });

  it('speaks Kazakh and English', () => {
    expect(dates('kk').relative(now - 5 * minute, now)).toBe('5 минут бұрын');
    expect(dates('kk').relative(now - day, now)).toBe('кеше');
    expect(dates('en').relative(now - day, now)).toBe('yesterday');
    expect(dates('en').relative(now - minute, now)).toBe('1 minute ago');
    expect(dates('en').relative(now - 3 * 60 * minute, now)).toBe('3 hours ago');
  });

  it('gives the full date for hover in each language', () => {
    expect(dates('ru').full(now + 7 * 60 * minute + 5 * minute)).toBe('24 ноября 2026 в 19:05');
    expect(dates('kk').full(now)).toBe('2026 ж. 24 қараша, 12:00');
    expect(dates('en').full(now)).toBe('November 24, 2026, 12:00');
  });

  it('builds the texts of a language once', () => {
    expect(dates('kk')).toBe(dates('kk'));
  });
});

describe('plural forms', () => {
  it('follow the Russian rule for 1, 2–4 and the rest, teens included', () => {
    const forms = [1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112].map((n) => pluralForm('ru', n));
    expect(forms).toEqual([
      'one',
      'few',
      'few',
      'many',
      'many',
      'many',
      'many',
      'one',
      'few',
      'many',
      'one',
      'many',
      'many',
    ]);
  });
});
