import type { Language } from '../languages.ts';
import { type MessagesDictionary, messagesEn } from './en.ts';
import { messagesKk } from './kk.ts';
import { messagesRu } from './ru.ts';

export type { MessagesDictionary };

const dictionaries: Record<Language, MessagesDictionary> = { ru: messagesRu, kk: messagesKk, en: messagesEn };

export function messagesDictionary(lang: Language): MessagesDictionary {
  return dictionaries[lang];
}
