import { describe, expect, it } from 'vitest';
import { languages } from '../../shared/i18n/languages.ts';
import { readerDictionaries } from '../../shared/i18n/reader/dictionaries.ts';
import { completeDictionary, dictionaryParts } from '../../shared/i18n/reader/parts.ts';

describe("the reader dictionary's two parts", () => {
  it('make the whole dictionary again, the reading part keeping what a thread read can show', () => {
    for (const lang of languages) {
      const whole = readerDictionaries[lang];
      const { reading, later } = structuredClone(dictionaryParts(whole));
      expect(reading.report, lang).toBeUndefined();
      expect(Object.keys(reading.errors).sort()).toEqual(['internal', 'network', 'rate_limited']);
      expect(reading.thread.header).toBe(whole.thread.header);
      expect(reading.thread.closeThread, lang).toBeUndefined();
      expect(reading.comments.reply).toBe(whole.comments.reply);
      expect(reading.comments.pin, lang).toBeUndefined();
      completeDictionary(reading, later);
      expect(reading, lang).toEqual(whole);
    }
  });
});
