/**
 * The words of the vocabulary (vocabulary.ts, which re-exports them) that the reader widget's
 * first paint needs, in a module of their own: the bundler puts a module that the widget's entry
 * shares with its lazy chunks whole into the entry, every other list with it.
 */

/** The widget's colour schemes; `auto` follows the reader's system. */
export const themes = ['light', 'dark', 'auto'] as const;
export type Theme = (typeof themes)[number];

/**
 * The orders of a thread's top-level comments: newest first (the default), oldest first, and
 * best first (by the Wilson lower bound of likes among reactions). Pinned comments come first in each.
 */
export const threadOrders = ['new', 'old', 'best'] as const;
export type ThreadOrder = (typeof threadOrders)[number];
