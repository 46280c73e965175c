import type { Dictionaries } from '../index.ts';
import { notificationsEn } from './en.ts';
import { notificationsKk } from './kk.ts';
import { notificationsRu } from './ru.ts';

export const notificationDictionaries: Dictionaries<typeof notificationsEn> = {
  ru: notificationsRu,
  kk: notificationsKk,
  en: notificationsEn,
};
