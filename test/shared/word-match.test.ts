import { describe, expect, it } from 'vitest';
import { foldEntry, foldedWords, wordMatcher } from '../../shared/word-match.ts';

describe('word lists: normalised matching', () => {
  const banned = wordMatcher(['дурак', 'бля', 'fuck', 'ақымақ']);

  it.each([
    ['plain', 'Ты дурак'],
    ['upper case', 'ТЫ ДУРАК!'],
    ['a word form (prefix)', 'одни дураки кругом'],
    ['dots between letters', 'ты д.у.р.а.к'],
    ['dashes and stars', 'ду-рак и д*у*р*а*к'],
    ['spaced-out letters', 'ты д у р а к, понял'],
    ['repeated letters', 'дуууурааак'],
    ['a Latin a', 'дурaк'],
    ['Latin look-alikes after the first letter', 'ДYPAK'],
    ['zero-width characters', 'ду\u200bра\u200dк'],
    ['a soft hyphen', 'ду\u00adрак'],
    ['fullwidth letters', 'ｆｕｃｋ'],
    ['Cyrillic look-alikes in a Latin word', 'fuсk'],
    ['digits for letters', 'дур@к'],
    ['punctuation glued to the word', '«дурак»,'],
    ['Kazakh typed without Kazakh letters', 'акымак'],
    ['a Kazakh word form', 'ақымақтар'],
  ])('catches %s', (_, text) => {
    expect(banned.find(text)).not.toBeNull();
  });

  it('reports the entry as the site wrote it', () => {
    expect(banned.find('ДУРАКИ')).toBe('дурак');
  });

  it('treats ё and е alike, in the text and in the list', () => {
    const list = wordMatcher(['ёжик', 'елка']);
    expect(list.find('ежики')).toBe('ёжик');
    expect(list.find('Ёлка')).toBe('елка');
  });

  it.each([
    ['the stem inside an unrelated word', 'не надо оскорблять людей'],
    ['a word that only ends with it', 'задурак'],
    ['an unrelated word', 'дура бывает разная, дудка тоже'],
    ['clean text', 'Хорошая статья, спасибо автору.'],
    ['an empty text', ''],
  ])('does not catch %s', (_, text) => {
    expect(banned.find(text)).toBeNull();
  });

  it('folds entries to their letters and drops entries without any', () => {
    expect(foldEntry('  Д.у.Р-а-К ')).toBe('дурак');
    expect(foldEntry('...')).toBe('');
    expect(wordMatcher(['', '---']).find('что угодно')).toBeNull();
  });

  it('reads words, joined parts and spaced-out letters', () => {
    expect(foldedWords('при-вет м и р')).toEqual(['при', 'вет', 'привет', 'мир']);
  });
});
