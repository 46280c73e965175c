import type { Dictionaries } from '../index.ts';
import { authEn } from './en.ts';
import { authKk } from './kk.ts';
import { authRu } from './ru.ts';

export const authDictionaries: Dictionaries<typeof authEn> = { ru: authRu, kk: authKk, en: authEn };
