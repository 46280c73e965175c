/**
 * Every language's panel locale at once, for tests that open the panel in any language without
 * a build (the panel itself loads only its own language: i18n.ts loadAdminLocale).
 */
import { adminDictionaries } from '../../shared/i18n/admin/dictionaries.ts';
import type { Language } from '../../shared/i18n/index.ts';
import { readerDictionaries } from '../../shared/i18n/reader/dictionaries.ts';
import { type AdminLocale, registerLocale } from './i18n.ts';

export function adminLocaleOf(lang: Language): AdminLocale {
  return registerLocale({ lang, t: readerDictionaries[lang], a: adminDictionaries[lang] });
}
