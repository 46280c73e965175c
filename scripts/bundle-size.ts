/**
 * Gzip sizes of what readers download, and the budgets they must stay within:
 *   embed.js (the loader)                      <= 2 KB
 *   the reading path: everything a reader downloads before any click, embed.js included, in each
 *   language (the app's entry, its static imports and one dictionary)  <= READING_BUDGET
 *   each lazily loaded flow has a budget of its own (see LAZY_BUDGETS)
 *   the admin panel in each language (its entry, its static imports, its CSS and the chunk of
 *   that language's texts it loads at start) <= 32 KB
 * Read from dist/ and the Vite manifest, so it measures exactly what is served.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Manifest } from 'vite';
import { languages } from '../shared/i18n/languages.ts';
import {
  ADMIN_ENTRY,
  ADMIN_MANIFEST,
  APP_ENTRY,
  APP_MANIFEST,
  adminTextsChunk,
  dictionaryChunk,
  staticClosure,
} from './build-manifest.ts';

export const LOADER_BUDGET = 2 * 1024;
/**
 * Measured 12.1 KB (ru) with embed.js: the first paint without Preact (first-paint/), the stores
 * over signals-core 1.7, the stylesheet, the dictionary's reading part (shared/i18n/reader/parts.ts)
 * with the dates' own words and plural rules, embed.js 1.4 with its skeleton and retry, the parked
 * sign-out. Preact and the components are the interactive chunk below.
 */
export const READING_BUDGET = 15 * 1024;
export const COUNT_BUDGET = 1024;
/**
 * Manifest keys of lazily imported modules and the gzip bytes each may add on its own.
 * The auth flows: measured 24.0 KB, the vocabulary's chunk included, with the phone metadata of
 * a site of the default country (KZ, with RU that shares +7: 0.45 KB), of which
 * libphonenumber-js's as-you-type formatter and parser are ~16 KB. The whole world's metadata
 * (~20 KB) stays on the server.
 */
export const AUTH_CHUNK = 'widget/app/components/auth/auth-panel.tsx';
/** The auth flows' texts in the language they are measured in (each language is a chunk). */
export const AUTH_TEXTS_RU = 'shared/i18n/auth/ru.ts';
/** The country whose phone metadata the auth flows are measured with. */
export const PHONE_COUNTRY = 'KZ';
/**
 * The proof-of-work solver (altcha-lib's solver over Web Crypto PBKDF2), loaded from the auth flows
 * only when the server asks for a challenge: measured about 1.5 KB.
 */
export const SOLVER_CHUNK = 'widget/app/state/proof-of-work.ts';
/**
 * The comment form, the report dialog and what the comments' buttons do (post, edit, delete,
 * hide, report, like, pin, more replies), fetched with the interactive widget, with the
 * vocabulary's chunk it shares with the auth flows (shared/vocabulary.ts, 0.3 KB): about 3.1 KB.
 */
export const FORMS_CHUNK = 'widget/app/components/thread/on-click.ts';
/** The texts only a click leads to, per language (shared/i18n/reader/parts.ts): about 1.4 KB. */
export const LATER_DICTIONARY = 'virtual:pikir-reader-later/';
/**
 * The account menu (download my data, delete the account), loaded when a signed-in reader opens
 * it: its texts in three languages, the code form and its styles; measured about 3 KB.
 */
export const ACCOUNT_MENU_CHUNK = 'widget/app/components/account-menu/account-menu.tsx';
/** "Уведомления": the reader's notifications list, its texts in three languages and its styles. */
export const NOTIFICATIONS_CHUNK = 'widget/app/components/notifications/notification-list.tsx';
/** The live thread (widget/app/live.ts), loaded when the thread first scrolls into view: about 0.8 KB. */
export const LIVE_CHUNK = 'widget/app/live.ts';
/**
 * The interactive widget (interactive.tsx): Preact, its hooks, the signals' tracking and every
 * component of the thread and the account area, fetched when the thread comes into view and
 * rendered over the first paint at the reader's first sign of intent.
 */
export const INTERACTIVE_CHUNK = 'widget/app/interactive.tsx';
export const LAZY_BUDGETS: Record<string, number> = {
  [INTERACTIVE_CHUNK]: 11 * 1024,
  [`${LATER_DICTIONARY}ru`]: 2 * 1024,
  [AUTH_CHUNK]: 25 * 1024,
  [SOLVER_CHUNK]: 3 * 1024,
  [FORMS_CHUNK]: 3.5 * 1024,
  [ACCOUNT_MENU_CHUNK]: 5 * 1024,
  [NOTIFICATIONS_CHUNK]: 3 * 1024,
  [LIVE_CHUNK]: 1024,
};

/** Moderators only, on a page of its own: generous, but a regression still shows. */
export const ADMIN_BUDGET = 32 * 1024;

export interface SizeLine {
  name: string;
  files: string[];
  gzip: number;
  budget: number;
}

export function measureBundles(distDir: string): SizeLine[] {
  const manifest = JSON.parse(readFileSync(join(distDir, APP_MANIFEST), 'utf8')) as Manifest;
  const gzip = (files: string[]) =>
    files.reduce((sum, file) => sum + gzipSync(readFileSync(join(distDir, file))).length, 0);
  const reading = staticClosure(manifest, APP_ENTRY);
  const lines: SizeLine[] = [
    { name: 'embed.js', files: ['embed.js'], gzip: gzip(['embed.js']), budget: LOADER_BUDGET },
    { name: 'count.js', files: ['count.js'], gzip: gzip(['count.js']), budget: COUNT_BUDGET },
  ];
  // A reader loads embed.js, the app and the dictionary of one language.
  for (const lang of languages) {
    const files = [
      'embed.js',
      ...reading,
      ...staticClosure(manifest, dictionaryChunk(manifest, lang)).filter((f) => !reading.includes(f)),
    ];
    lines.push({ name: `reading path (${lang})`, files, gzip: gzip(files), budget: READING_BUDGET });
  }
  // Every other lazy part is loaded by the interactive widget, after it.
  const loaded = [...reading, ...staticClosure(manifest, INTERACTIVE_CHUNK)];
  for (const [key, budget] of Object.entries(LAZY_BUDGETS)) {
    // What the lazy part adds beyond what the reading path (and the interactive widget) loaded.
    const before = key === INTERACTIVE_CHUNK ? reading : loaded;
    const files = staticClosure(manifest, key).filter((file) => !before.includes(file));
    if (key === AUTH_CHUNK) files.push(phoneFile(distDir, PHONE_COUNTRY), manifest[AUTH_TEXTS_RU]!.file);
    lines.push({ name: `lazy ${key}`, files, gzip: gzip(files), budget });
  }
  const adminManifest = JSON.parse(readFileSync(join(distDir, ADMIN_MANIFEST), 'utf8')) as Manifest;
  const admin = staticClosure(adminManifest, ADMIN_ENTRY);
  const adminFiles = [...admin, ...admin.flatMap((file) => cssOf(adminManifest, file))];
  // The panel starts by loading its language's texts: they count, as a reader's dictionary does.
  for (const lang of languages) {
    const texts = staticClosure(adminManifest, adminTextsChunk(lang)).filter((f) => !admin.includes(f));
    const files = [...adminFiles, ...texts];
    lines.push({ name: `admin panel (${lang})`, files, gzip: gzip(files), budget: ADMIN_BUDGET });
  }
  return lines;
}

/** assets/phone-<hash>-<country>.json, the metadata the auth flows load for a site's country. */
export function phoneFile(distDir: string, country: string): string {
  const name = readdirSync(join(distDir, 'assets')).find(
    (f) => f.startsWith('phone-') && f.endsWith(`-${country}.json`),
  );
  if (!name) throw new Error(`no phone metadata for ${country} in ${distDir}/assets`);
  return `assets/${name}`;
}

/** The stylesheets Vite extracted for the chunk that is built into `file`. */
function cssOf(manifest: Manifest, file: string): string[] {
  return Object.values(manifest).find((chunk) => chunk.file === file)?.css ?? [];
}

export function formatSizes(lines: SizeLine[]): string {
  return lines
    .map((l) => {
      const verdict = l.gzip <= l.budget ? 'ok' : 'OVER BUDGET';
      return `${l.name.padEnd(40)} ${(l.gzip / 1024).toFixed(2).padStart(6)} KB gzip / ${(l.budget / 1024).toFixed(1)} KB  ${verdict}`;
    })
    .join('\n');
}
