/**
 * The built widget (dist/), read once at start-up and served from memory: embed.js and count.js
 * under stable names with a short cache, everything in assets/ under content hashes for a year.
 * The Vite manifest tells HTML pages (the admin page) which hashed files an entry needs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { compress, type Encoding } from './http/compression.ts';

export interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  /** The same file compressed at build (name.br, name.gz beside it), when smaller. */
  encoded: Partial<Record<Encoding, Uint8Array<ArrayBuffer>>>;
}

/** A built entry module: its file, the chunks it imports statically, its stylesheets. */
export interface EntryFiles {
  /** "assets/admin-<hash>.js" */
  file: string;
  /** Every chunk the entry imports statically, transitively, for modulepreload links. */
  imports: string[];
  css: string[];
}

export interface Assets {
  /** `name` is "embed.js", "count.js" or "assets/<hashed file>". */
  get(name: string): Asset | undefined;
  /** `key` is the entry's source path, e.g. "widget/admin/main.tsx"; undefined when not built. */
  entry(key: string): EntryFiles | undefined;
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export function loadAssets(distDir: string): Assets {
  const files = new Map<string, Asset>();
  const add = (name: string) => {
    const path = join(distDir, name);
    if (existsSync(path)) {
      const type = types[extname(name)] ?? 'application/octet-stream';
      const body = new Uint8Array(readFileSync(path));
      files.set(name, {
        body,
        type,
        encoded:
          type.startsWith('text/') || type.endsWith('json') || type.endsWith('svg+xml')
            ? encodings(path, body)
            : {},
      });
    }
  };
  add('embed.js');
  add('count.js');
  const assetsDir = join(distDir, 'assets');
  if (existsSync(assetsDir)) {
    for (const name of readdirSync(assetsDir)) if (!/\.(br|gz)$/.test(name)) add(`assets/${name}`);
  }
  const manifests = readManifests(join(distDir, '.vite'));
  return {
    get: (name) => files.get(name),
    entry: (key) => {
      const found = manifests.map((manifest) => entryFiles(manifest, key)).find(Boolean);
      // A manifest that names files missing from dist/ is a half-finished build: not built.
      return found && [found.file, ...found.imports, ...found.css].every((f) => existsSync(join(distDir, f)))
        ? found
        : undefined;
    },
  };
}

const suffixes: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

/**
 * The build's .br and .gz of a file (scripts/compress-assets.ts); a file built without that step
 * is compressed here once, at start-up. Kept only when smaller than the file itself.
 */
function encodings(path: string, body: Uint8Array): Asset['encoded'] {
  const encoded: Asset['encoded'] = {};
  for (const encoding of ['br', 'gzip'] as const) {
    const file = path + suffixes[encoding];
    const bytes = new Uint8Array(existsSync(file) ? readFileSync(file) : compress(body, encoding, 'build'));
    if (bytes.length < body.length) encoded[encoding] = bytes;
  }
  return encoded;
}

export const noAssets: Assets = { get: () => undefined, entry: () => undefined };

/**
 * The reader widget and the admin panel are separate builds, each with its own manifest in
 * dist/.vite/ (scripts/build-manifest.ts names them). They are read apart, not merged: both
 * builds may hold a module of the same key (a dictionary) under different files.
 */
function readManifests(dir: string): Record<string, ManifestChunk>[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, ManifestChunk>);
}

function entryFiles(manifest: Record<string, ManifestChunk>, key: string): EntryFiles | undefined {
  const entry = manifest[key];
  if (!entry) return undefined;
  const imports: string[] = [];
  const css = new Set(entry.css ?? []);
  const visit = (k: string) => {
    const chunk = manifest[k];
    if (!chunk || imports.includes(chunk.file)) return;
    imports.push(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const dep of entry.imports ?? []) visit(dep);
  return { file: entry.file, imports, css: [...css] };
}
