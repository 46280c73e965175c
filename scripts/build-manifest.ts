/**
 * What the builds (vite.config.ts) and the size budgets (bundle-size.ts) agree on: the entries,
 * where each build writes its manifest, and how to read a module's files out of a manifest.
 * The server needs none of it: it reads every manifest it finds in dist/.vite/.
 */
import type { Manifest } from 'vite';

export const APP_ENTRY = 'widget/app/main.ts';
export const ADMIN_ENTRY = 'widget/admin/main.tsx';
/** The admin panel's texts in one language, loaded (and preloaded by its page) at start. */
export const adminTextsChunk = (lang: string) => `widget/admin/texts/${lang}.ts`;
/** Inside dist/: the reader widget's manifest and the admin panel's, a build of its own. */
export const APP_MANIFEST = '.vite/manifest.json';
export const ADMIN_MANIFEST = '.vite/admin-manifest.json';

/**
 * The manifest key of a language's dictionary chunk. The widget imports it dynamically; when
 * another entry (the admin panel) imports it too, it is a shared chunk keyed by its file name.
 */
export function dictionaryChunk(manifest: Manifest, lang: string): string {
  const key = `shared/i18n/reader/${lang}.ts`;
  if (manifest[key]) return key;
  const shared = Object.entries(manifest).find(([k, chunk]) => k.startsWith('_') && chunk.name === lang);
  if (!shared) throw new Error(`no chunk for the ${lang} dictionary in the build manifest`);
  return shared[0];
}

/** A module's file and every file it imports statically, transitively, in import order. */
export function staticClosure(manifest: Manifest, key: string): string[] {
  const files: string[] = [];
  const visit = (k: string) => {
    const chunk = manifest[k];
    if (!chunk) throw new Error(`${k} is not in the build manifest`);
    if (files.includes(chunk.file)) return;
    files.push(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit(key);
  return files;
}
