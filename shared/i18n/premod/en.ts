/**
 * Texts of the panel's pre-moderation parts (the "На проверке" queue, the settings' word lists):
 * loaded with their chunk only. English is the type.
 */
import type { Strings } from '../index.ts';

export const premodEn = {
  held: {
    empty: 'No comments are awaiting review here.',
    loadFailed: 'Could not load the comments awaiting review.',
  },
  settings: {
    preModeration: 'Pre-moderation',
    preModerationModes: {
      off: 'Off: comments appear at once',
      first_comment: 'The first comment of a new reader',
      few_approved: 'Readers with fewer than N approved comments',
      links: 'Comments with links',
      all: 'Every comment',
    },
    preModerationMinApproved: 'N: approved comments a reader needs',
    bannedWords: 'Banned words',
    bannedWordsHint:
      'One per line. A comment with a word starting with one of them is refused. Case, ё/е, Latin look-alike letters, repeated letters and separators inside a word do not matter; enter a stem to catch every form of a word.',
    suspectWords: 'Suspect words',
    suspectWordsHint: 'One per line, matched the same way. A comment with one of them waits for review.',
    wordList: 'Up to {max} words of 2 to {length} letters each, one per line.',
  },
};

export type PremodDictionary = Strings<typeof premodEn>;
