import type { Dictionaries } from '../index.ts';
import { privacyEn } from './en.ts';
import { privacyKk } from './kk.ts';
import { privacyRu } from './ru.ts';

export const privacyDictionaries: Dictionaries<typeof privacyEn> = {
  ru: privacyRu,
  kk: privacyKk,
  en: privacyEn,
};
