import type { Dictionaries } from '../index.ts';
import { en } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';

export const readerDictionaries: Dictionaries<typeof en> = { ru, kk, en };
