/**
 * Whether dist/ is older than the widget's sources, and building it. Used by `npm start` and by
 * the test setup, so neither serves a stale widget.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_MANIFEST, APP_MANIFEST } from './build-manifest.ts';

/** Everything the builds read: vite.config.ts imports build-manifest.ts. */
const SOURCES = ['widget', 'shared', 'vite.config.ts', 'scripts/build-manifest.ts', 'package.json'];
const OUTPUTS = ['embed.js', 'count.js', APP_MANIFEST, ADMIN_MANIFEST].map((file) => join('dist', file));

export function isWidgetBuildStale(root: string): boolean {
  const outputs = OUTPUTS.map((p) => join(root, p));
  if (!outputs.every((p) => existsSync(p))) return true;
  const builtAt = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  return SOURCES.some((p) => newestMtime(join(root, p)) > builtAt);
}

export function buildWidget(root: string): void {
  // Test runners set NODE_ENV=test, which would give a development build (JSX with source
  // positions, several KB more): what is served and measured is always the production build.
  execFileSync('npm', ['run', '--silent', 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}
