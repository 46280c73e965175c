import type { Language } from '../index.ts';
import { type AdminDictionary, adminEn } from './en.ts';
import { adminKk } from './kk.ts';
import { adminRu } from './ru.ts';

export type { AdminDictionary };

const dictionaries: Record<Language, AdminDictionary> = { ru: adminRu, kk: adminKk, en: adminEn };

export function adminDictionary(lang: Language): AdminDictionary {
  return dictionaries[lang];
}
