/**
 * The last step of `npm run build`: every JS, CSS, SVG and JSON file the server sends from dist/
 * gets a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside it, which server/assets.ts
 * serves by Accept-Encoding. Compressed once here at the highest levels, never per request.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compress } from '../server/http/compression.ts';

export function compressDist(distDir: string): { files: number; bytes: number; br: number; gzip: number } {
  const totals = { files: 0, bytes: 0, br: 0, gzip: 0 };
  const names = ['embed.js', 'count.js'];
  const assets = join(distDir, 'assets');
  if (existsSync(assets)) names.push(...readdirSync(assets).map((name) => `assets/${name}`));
  for (const name of names.filter((n) => /\.(js|css|svg|json)$/.test(n))) {
    const path = join(distDir, name);
    if (!existsSync(path)) continue;
    const body = readFileSync(path);
    const br = compress(body, 'br', 'build');
    const gzip = compress(body, 'gzip', 'build');
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzip);
    totals.files += 1;
    totals.bytes += body.length;
    totals.br += br.length;
    totals.gzip += gzip.length;
  }
  return totals;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t = compressDist(fileURLToPath(new URL('../dist', import.meta.url)));
  console.log(`compressed ${t.files} files: ${t.bytes} B -> br ${t.br} B, gzip ${t.gzip} B`);
}
