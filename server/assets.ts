/**
 * The built widget (dist/), read once at start-up and served from memory: embed.js and count.js
 * under stable names with a short cache, everything in assets/ under content hashes for a year.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

export interface Assets {
  /** `name` is "embed.js", "count.js" or "assets/<hashed file>". */
  get(name: string): Asset | undefined;
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
      files.set(name, {
        body: new Uint8Array(readFileSync(path)),
        type: types[extname(name)] ?? 'application/octet-stream',
      });
    }
  };
  add('embed.js');
  add('count.js');
  const assetsDir = join(distDir, 'assets');
  if (existsSync(assetsDir)) for (const name of readdirSync(assetsDir)) add(`assets/${name}`);
  return { get: (name) => files.get(name) };
}

export const noAssets: Assets = { get: () => undefined };
