import type { Dictionaries } from '../index.ts';
import { messagesEn } from './en.ts';
import { messagesKk } from './kk.ts';
import { messagesRu } from './ru.ts';

export const messageDictionaries: Dictionaries<typeof messagesEn> = {
  ru: messagesRu,
  kk: messagesKk,
  en: messagesEn,
};
