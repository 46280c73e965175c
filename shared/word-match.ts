/**
 * A site's word lists (banned and suspect words) matched against comment text the way readers
 * try to get round them. Text and list entries go through the same folding, so a match is a
 * plain comparison of folded strings:
 *
 * - NFKC (fullwidth and "mathematical" letters become plain ones), lower case, ё → е;
 * - invisible characters (zero-width spaces and joiners, soft hyphens, combining marks) dropped;
 * - Latin letters and digits that look like Cyrillic ones become those (a e o p c x y k m t h b i,
 *   0 → о, 3 → з, @ → а), so "дурaк" with a Latin a and "fuсk" with a Cyrillic с both match;
 * - Kazakh letters fold to the Russian letter they are typed as without a Kazakh keyboard
 *   (ә → а, қ → к, ғ → г, ң → н, ө → о, ұ ү → у, һ → х, і → и);
 * - a letter repeated in a row counts once ("дуууурак");
 * - separators inside a word are dropped: "д.у.р.а.к", "ду-рак", and single letters spaced out
 *   ("д у р а к") are read as one word too.
 *
 * An entry matches every word that starts with it: "дурак" also matches "дураки", "дураков";
 * enter a stem ("идиот") to catch a word's Russian and Kazakh forms ("идиоты", "идиоттар").
 * It never matches inside a word, so "бля" does not match "оскорблять".
 */

/** Folded forms shorter than this are refused as entries: they would match far too many words. */
export const WORD_ENTRY_MIN_LETTERS = 2;

const LOOK_ALIKES: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  i: 'и',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
  '0': 'о',
  '3': 'з',
  '@': 'а',
  ё: 'е',
  ә: 'а',
  қ: 'к',
  ғ: 'г',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
};

const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2060-\u2064\ufeff]|\p{M}/gu;

/** Lower case, look-alikes and invisibles folded; word boundaries (white space) kept. */
function fold(text: string): string {
  const plain = text.normalize('NFKC').toLowerCase().replace(INVISIBLE, '');
  let out = '';
  for (const ch of plain) out += LOOK_ALIKES[ch] ?? ch;
  return out;
}

const collapseRepeats = (word: string) => word.replace(/(.)\1+/gu, '$1');
const lettersOf = (token: string) => token.split(/[^\p{L}\p{N}]+/u).filter((part) => part !== '');

/** The folded form of a list entry: its letters only, repeats collapsed ("" when it has none). */
export function foldEntry(entry: string): string {
  return collapseRepeats(lettersOf(fold(entry)).join(''));
}

/** Every word the text can be read as, folded: each word, its parts joined, spaced-out letters joined. */
export function foldedWords(text: string): string[] {
  const words: string[] = [];
  let spaced = '';
  const endSpaced = () => {
    if ([...spaced].length > 1) words.push(spaced);
    spaced = '';
  };
  for (const token of fold(text).split(/\s+/u)) {
    const parts = lettersOf(token);
    const joined = parts.join('');
    if (joined === '') continue;
    if ([...joined].length === 1) {
      spaced += joined;
      continue;
    }
    endSpaced();
    words.push(...parts);
    if (parts.length > 1) words.push(joined);
  }
  endSpaced();
  return [...new Set(words.map(collapseRepeats))];
}

export interface WordMatcher {
  /** The first entry (as the site wrote it) that a word of `text` starts with, or null. */
  find(text: string): string | null;
}

/** A matcher over a list's entries; entries that fold to nothing are left out. */
export function wordMatcher(entries: readonly string[]): WordMatcher {
  const folded = new Map<string, string>();
  for (const entry of entries) {
    const key = foldEntry(entry);
    if (key !== '' && !folded.has(key)) folded.set(key, entry);
  }
  const longest = Math.max(0, ...[...folded.keys()].map((key) => [...key].length));
  return {
    find(text) {
      if (folded.size === 0) return null;
      for (const word of foldedWords(text)) {
        const letters = [...word];
        // Every prefix of the word, up to the longest entry: one lookup each.
        for (let n = 1; n <= Math.min(letters.length, longest); n++) {
          const hit = folded.get(letters.slice(0, n).join(''));
          if (hit !== undefined) return hit;
        }
      }
      return null;
    },
  };
}
