/**
 * One config, four builds and the test projects:
 *   vite build                 the reader widget (ES modules, code-split, hashed, manifest)
 *   vite build --mode admin    the admin panel, a build of its own so that nothing of it is
 *                              shared with (and so paid for by) the readers' pages
 *   vite build --mode loader   embed.js, a dependency-free IIFE that knows the app's hashed entry
 *   vite build --mode count    count.js, comment counts for article lists
 * The widget must be built first: it empties dist/, and the loader reads its manifest.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MetadataJson } from 'libphonenumber-js/core';
import type { Manifest, Plugin } from 'vite';
import { defineConfig, type ViteUserConfig as UserConfig } from 'vitest/config';
import {
  ADMIN_ENTRY,
  ADMIN_MANIFEST,
  APP_ENTRY,
  APP_MANIFEST,
  dictionaryChunk,
  staticClosure,
} from './scripts/build-manifest.ts';
import { phoneMetadataFiles } from './scripts/phone-metadata.ts';
import { isLanguage, languages } from './shared/i18n/languages.ts';
import { readerDictionaries } from './shared/i18n/reader/dictionaries.ts';
import { dictionaryParts } from './shared/i18n/reader/parts.ts';

const OUT_DIR = 'dist';

const jsx = { jsx: { runtime: 'automatic' as const, importSource: 'preact' } };
/**
 * Browsers of the last few years (class fields, top-level await, `??=`, `.at()` natively): no
 * helpers are emitted for them, so none lands on the reading path.
 */
const TARGET = 'es2022';

export default defineConfig(({ mode }) => {
  if (mode === 'loader') return scriptConfig('widget/loader.ts', 'embed.js', appBuildInfo());
  if (mode === 'count') return scriptConfig('widget/count.ts', 'count.js', {});
  if (mode === 'admin') return moduleConfig({ admin: ADMIN_ENTRY }, ADMIN_MANIFEST, false);
  const widget = moduleConfig({ widget: APP_ENTRY }, APP_MANIFEST, true);
  return {
    ...widget,
    define: { __PIKIR_PHONE__: JSON.stringify(phone.prefix) },
    plugins: [
      ...(widget.plugins ?? []),
      phoneMetadataAssets(),
      ...readerDictionarySplit(),
      eagerCompileHint(),
    ],
    test: testConfig(),
  };
});

function moduleConfig(input: Record<string, string>, manifest: string, empty: boolean): UserConfig {
  return {
    // Relative base: lazy chunks resolve against the module's own URL, not the host page.
    base: './',
    oxc: jsx,
    plugins: [noPreloadHelper()],
    build: {
      outDir: OUT_DIR,
      emptyOutDir: empty,
      manifest,
      target: TARGET,
      // embed.js preloads the reading path (and the reader's dictionary) itself; lazy chunks need
      // nothing the reading path has not loaded, so no preload helper rides in the entry.
      modulePreload: false,
      rollupOptions: {
        input,
        preserveEntrySignatures: 'allow-extension',
        output: { entryFileNames: 'assets/[name]-[hash].js', chunkFileNames: 'assets/[name]-[hash].js' },
      },
    },
  };
}

const require = createRequire(import.meta.url);
const phoneMetadata = require('libphonenumber-js/metadata.min.json') as MetadataJson;
const phone = phoneMetadataFiles(phoneMetadata);

/** assets/phone-<hash>-<country>.json for every country: the widget loads its site's (phone.ts). */
function phoneMetadataAssets(): Plugin {
  return {
    name: 'pikir:phone-metadata',
    generateBundle() {
      for (const [country, source] of phone.files) {
        this.emitFile({ type: 'asset', fileName: `assets/${phone.prefix}${country}.json`, source });
      }
    },
  };
}

/**
 * The reader's dictionaries in two parts (shared/i18n/reader/parts.ts): in the widget's build each
 * language's module holds only its reading part, and `virtual:pikir-reader-later/<lang>` (a chunk
 * of its own, loaded after the first paint) the rest. Tests read the dictionaries whole.
 */
function readerDictionarySplit(): Plugin[] {
  const LATER = 'virtual:pikir-reader-later/';
  const module = /\/shared\/i18n\/reader\/(ru|kk|en)\.ts$/;
  return [
    {
      name: 'pikir:reader-later',
      resolveId: (id) => (id.startsWith(LATER) ? `\0${id}` : undefined),
      load(id) {
        if (!id.startsWith(`\0${LATER}`)) return;
        const lang = id.slice(LATER.length + 1);
        if (!isLanguage(lang)) throw new Error(`no reader dictionary for ${lang}`);
        return `export default ${JSON.stringify(dictionaryParts(readerDictionaries[lang]).later)};`;
      },
    },
    {
      name: 'pikir:reader-reading',
      apply: 'build',
      transform(_code, id) {
        const lang = module.exec(id)?.[1];
        if (!lang || !isLanguage(lang)) return;
        return `export const ${lang} = ${JSON.stringify(dictionaryParts(readerDictionaries[lang]).reading)};`;
      },
    },
  ];
}

/**
 * Vite wraps every dynamic import in its preload helper (1.3 KB gzip on the reading path), even
 * with `modulePreload: false`, where every list of dependencies it passes is empty. embed.js
 * preloads the reading path itself, so the helper is replaced by the call it ends up making.
 */
function noPreloadHelper(): Plugin {
  return {
    name: 'pikir:no-preload-helper',
    enforce: 'pre',
    load: {
      filter: { id: /^\0vite\/preload-helper\.js$/ },
      handler: () => 'export const __vitePreload = (load) => load();',
    },
  };
}

/**
 * V8's explicit compile hint on the widget's entry: nearly every function in it runs for the
 * first render, so V8 compiles them all while the module streams in, on a background thread,
 * instead of one by one on the main thread as each is first called (some 15 ms of a first render).
 */
function eagerCompileHint(): Plugin {
  return {
    name: 'pikir:eager-compile-hint',
    apply: 'build',
    // After minification, which would drop the comment; the file's hash covers it.
    outputOptions: (output) => ({
      ...output,
      postBanner: (chunk) => (chunk.isEntry ? '//# allFunctionsCalledOnLoad' : ''),
    }),
  };
}

function testConfig(): UserConfig['test'] {
  return {
    // CI reads the JSON report to print per-engine and per-browser counts.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.ci/vitest-report.json' },
    projects: [
      {
        oxc: jsx,
        // The widget's modules import the dictionaries' later parts; tests read them whole too.
        plugins: [readerDictionarySplit()[0]!],
        test: {
          name: 'unit',
          include: ['test/{shared,server,widget}/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Storage tests on PostgreSQL make dozens of round trips; on a busy shared machine the
          // default 5 s is a guess about the load, not about the code.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  };
}

function scriptConfig(entry: string, fileName: string, define: Record<string, string>): UserConfig {
  return {
    define,
    build: {
      outDir: OUT_DIR,
      emptyOutDir: false,
      target: TARGET,
      lib: { entry, formats: ['iife'], name: 'pikirScript', fileName: () => fileName },
    },
  };
}

/** The app's entry file and every chunk it imports statically, for the loader to preload. */
function appBuildInfo(): Record<string, string> {
  const path = `${OUT_DIR}/${APP_MANIFEST}`;
  if (!existsSync(path)) throw new Error(`${path} is missing: build the app before the loader`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  const entry = manifest[APP_ENTRY];
  if (!entry) throw new Error(`${APP_ENTRY} is not in ${path}`);
  const preload = staticClosure(manifest, APP_ENTRY).filter((file) => file !== entry.file);
  // Each language's dictionary is a chunk of its own; the loader preloads only the reader's.
  const byLanguage: Record<string, string[]> = {};
  for (const lang of languages) {
    byLanguage[lang] = staticClosure(manifest, dictionaryChunk(manifest, lang)).filter(
      (file) => !preload.includes(file),
    );
  }
  return {
    __PIKIR_APP__: JSON.stringify(entry.file),
    __PIKIR_PRELOAD__: JSON.stringify(preload),
    __PIKIR_LANGUAGES__: JSON.stringify(byLanguage),
  };
}
