/**
 * What every importer (Disqus, WordPress, Pikir's own export) reads its source into, and the rules
 * that make a foreign comment a Pikir one: plain text without control or bidi characters, at most
 * COMMENT_MAX_LENGTH characters, a page key, title and URL within their limits.
 */
import {
  COMMENT_MAX_LENGTH,
  NAME_MAX_LENGTH,
  PAGE_KEY_MAX,
  PAGE_TITLE_MAX,
  PAGE_URL_MAX,
} from '../../shared/limits.ts';

export type ImportSource = 'disqus' | 'wordpress' | 'pikir';

export interface ImportedPage {
  key: string;
  title: string;
  url: string;
  createdAt: number;
}

/** How an imported comment is kept: shown, withheld (admins see it), or a placeholder. */
export type ImportedStatus = 'published' | 'hidden' | 'deleted';

export interface ImportedComment {
  /** The comment's id in its source, unique there. */
  sourceId: string;
  pageKey: string;
  /** The source id of the comment it answers; null for a top-level comment. */
  parentSourceId: string | null;
  author: {
    /** Stable within the source: one guest author per key and site. */
    key: string;
    name: string;
    /** An author whose account was erased (Pikir exports only). */
    deleted?: boolean;
  };
  text: string;
  createdAt: number;
  status: ImportedStatus;
}

/** A problem with the input, naming where it is. */
export class ImportError extends Error {}

/** The name shown for an imported author who gave none. */
export const GUEST_NAME = 'Гость';

// Line breaks and tabs stay; every other control or invisible format character goes.
const UNWANTED = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

export function cleanText(text: string): string {
  const clean = text
    .replace(/\r\n?/g, '\n')
    .replace(UNWANTED, (ch) => (ch === '\n' || ch === '\t' ? ch : ''))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return clip(clean, COMMENT_MAX_LENGTH);
}

export function cleanName(name: string): string {
  const clean = name.replace(UNWANTED, '').replace(/\s+/g, ' ').trim();
  return clip(clean, NAME_MAX_LENGTH) || GUEST_NAME;
}

/** A page id within Pikir's limit, the same for a page and for the comments on it. */
export function cleanPageKey(key: string): string {
  return key.trim().slice(0, PAGE_KEY_MAX);
}

export function cleanPage(page: ImportedPage): ImportedPage {
  return {
    key: cleanPageKey(page.key),
    title: clip(page.title.replace(UNWANTED, ' ').trim(), PAGE_TITLE_MAX),
    url: page.url.trim().slice(0, PAGE_URL_MAX),
    createdAt: page.createdAt,
  };
}

/** At most `max` characters (code points), the last one an ellipsis when cut. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
