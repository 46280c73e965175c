/**
 * The dictionaries, one folder per audience: reader/ (the widget's reading path), auth/ (the
 * account flows, loaded lazily), admin/ (the panel), messages/ (the SMS and email the server
 * sends). In each, en.ts is the type, ru.ts and kk.ts must satisfy it (a missing key fails tsc),
 * and dictionaries.ts holds the three by language.
 *
 * Each audience's record stays in its own folder so that a bundle takes only the audiences it
 * uses: the widget loads one reader language as a chunk of its own (widget/app/i18n.ts), and a
 * record that names every audience would turn those chunks into shared ones and grow the
 * reading path.
 */
import type { Language } from './languages.ts';

export { defaultLanguage, isLanguage, type Language, languages } from './languages.ts';

/** A dictionary's type from its English literal: the same keys, any text. */
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** One audience's dictionary in every language; English is the type the others satisfy. */
export type Dictionaries<En> = Readonly<Record<Language, Strings<En>>>;
