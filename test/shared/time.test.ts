import { describe, expect, it } from 'vitest';
import { fullDate, relativeTime } from '../../shared/time.ts';

const now = Date.UTC(2026, 10, 24, 12, 0, 0);
const minute = 60_000;

describe('relative time', () => {
  it('speaks Russian by default wording', () => {
    expect(relativeTime(now - 5 * minute, now, 'ru')).toBe('5 минут назад');
    expect(relativeTime(now - 2 * 60 * minute, now, 'ru')).toBe('2 часа назад');
    expect(relativeTime(now - 10_000, now, 'ru')).toBe('сейчас');
  });

  it('speaks Kazakh and English', () => {
    expect(relativeTime(now - 5 * minute, now, 'kk')).toBe('5 минут бұрын');
    expect(relativeTime(now - 24 * 60 * minute, now, 'en')).toBe('yesterday');
  });

  it('gives the full date for hover', () => {
    expect(fullDate(now, 'ru')).toMatch(/24 ноября 2026/);
  });
});
