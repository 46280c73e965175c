import type { Dictionaries } from '../index.ts';
import { adminEn } from './en.ts';
import { adminKk } from './kk.ts';
import { adminRu } from './ru.ts';

export const adminDictionaries: Dictionaries<typeof adminEn> = { ru: adminRu, kk: adminKk, en: adminEn };
