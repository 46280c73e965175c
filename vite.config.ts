/**
 * One config, three builds and the test projects:
 *   vite build                 the widget and admin apps (ES modules, code-split, hashed, manifest)
 *   vite build --mode loader   embed.js, a dependency-free IIFE that knows the app's hashed entry
 *   vite build --mode count    count.js, comment counts for article lists
 * The app must be built first: the loader reads its manifest.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Manifest } from 'vite';
import { defineConfig, type ViteUserConfig as UserConfig } from 'vitest/config';

const APP_ENTRY = 'widget/app/main.tsx';
const ADMIN_ENTRY = 'widget/admin/main.tsx';
const MANIFEST = 'dist/.vite/manifest.json';

const jsx = { jsx: { runtime: 'automatic' as const, importSource: 'preact' } };

export default defineConfig(({ mode }) => {
  if (mode === 'loader') return scriptConfig('widget/loader.ts', 'embed.js', appBuildInfo());
  if (mode === 'count') return scriptConfig('widget/count.ts', 'count.js', {});
  return appConfig();
});

function appConfig(): UserConfig {
  return {
    // Relative base: lazy chunks resolve against the module's own URL, not the host page.
    base: './',
    oxc: jsx,
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      manifest: true,
      target: 'es2020',
      modulePreload: { polyfill: false },
      rollupOptions: {
        // Two entries: Preact and the shared code become a chunk both import, cached once.
        input: { widget: APP_ENTRY, admin: ADMIN_ENTRY },
        preserveEntrySignatures: 'exports-only',
        output: { entryFileNames: 'assets/[name]-[hash].js', chunkFileNames: 'assets/[name]-[hash].js' },
      },
    },
    test: {
      projects: [
        {
          oxc: jsx,
          test: {
            name: 'unit',
            include: ['test/{shared,server,widget}/**/*.test.{ts,tsx}'],
            environment: 'node',
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
    },
  };
}

function scriptConfig(entry: string, fileName: string, define: Record<string, string>): UserConfig {
  return {
    define,
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2020',
      lib: { entry, formats: ['iife'], name: 'pikirScript', fileName: () => fileName },
    },
  };
}

/** The app's entry file and every chunk it imports statically, for the loader to preload. */
function appBuildInfo(): Record<string, string> {
  if (!existsSync(MANIFEST)) throw new Error(`${MANIFEST} is missing: build the app before the loader`);
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  const entry = manifest[APP_ENTRY];
  if (!entry) throw new Error(`${APP_ENTRY} is not in ${MANIFEST}`);
  const preload = new Set<string>();
  const visit = (key: string) => {
    for (const dep of manifest[key]?.imports ?? []) {
      const file = manifest[dep]?.file;
      if (file && !preload.has(file)) {
        preload.add(file);
        visit(dep);
      }
    }
  };
  visit(APP_ENTRY);
  return {
    __PIKIR_APP__: JSON.stringify(entry.file),
    __PIKIR_PRELOAD__: JSON.stringify([...preload]),
  };
}
