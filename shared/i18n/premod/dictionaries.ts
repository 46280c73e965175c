import type { Dictionaries } from '../index.ts';
import { premodEn } from './en.ts';
import { premodKk } from './kk.ts';
import { premodRu } from './ru.ts';

export const premodDictionaries: Dictionaries<typeof premodEn> = { ru: premodRu, kk: premodKk, en: premodEn };
