/** The languages the widget speaks. No dictionaries here: the widget loads only the reader's. */
export const languages = ['ru', 'kk', 'en'] as const;
export type Language = (typeof languages)[number];
/** The first customer's readers read Russian; every other choice is explicit. */
export const defaultLanguage: Language = 'ru';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
