import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAssets } from '../../server/assets.ts';
import { ADMIN_CSP } from '../../server/routes/admin-page.ts';
import type { Storage } from '../../server/storage/db.ts';
import { engines } from '../helpers/engines.ts';
import { errorOf, testApp } from '../helpers/test-app.ts';

/** A dist/ as `vite build` leaves it: the admin entry imports a shared chunk and has a stylesheet. */
function fakeDist(options: { withAdmin?: boolean; missingFile?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pikir-dist-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, '.vite'));
  writeFileSync(join(dir, 'assets', 'widget-w1.js'), 'import "./shared-s1.js"');
  writeFileSync(join(dir, 'assets', 'shared-s1.js'), 'export const preact = 1');
  const manifest: Record<string, unknown> = {
    '_shared-s1.js': { file: 'assets/shared-s1.js', name: 'shared' },
    'widget/app/main.ts': { file: 'assets/widget-w1.js', isEntry: true, imports: ['_shared-s1.js'] },
  };
  if (options.withAdmin !== false) {
    if (!options.missingFile) writeFileSync(join(dir, 'assets', 'admin-a1.js'), 'import "./shared-s1.js"');
    writeFileSync(join(dir, 'assets', 'admin-a1.css'), 'body{margin:0}');
    manifest['widget/admin/main.tsx'] = {
      file: 'assets/admin-a1.js',
      isEntry: true,
      imports: ['_shared-s1.js'],
      css: ['assets/admin-a1.css'],
      dynamicImports: ['widget/admin/texts/ru.ts', 'widget/admin/texts/kk.ts'],
    };
    // The panel's texts, one chunk per language, imported dynamically by the entry.
    for (const lang of ['ru', 'kk']) {
      writeFileSync(join(dir, 'assets', `${lang}-t1.js`), 'export const a = {}');
      manifest[`widget/admin/texts/${lang}.ts`] = { file: `assets/${lang}-t1.js`, isDynamicEntry: true };
    }
  }
  writeFileSync(join(dir, '.vite', 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

describe('admin page', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await engines[0]!.open();
  });
  afterEach(() => storage.close());

  it('loads the hashed admin entry, its shared chunk and its stylesheet, at /admin and /admin/', async () => {
    const { app } = await testApp(storage, { assets: loadAssets(fakeDist()) });
    for (const path of ['/admin', '/admin/']) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain('<script type="module" src="/assets/admin-a1.js"></script>');
      expect(html).toContain('<link rel="modulepreload" href="/assets/shared-s1.js">');
      expect(html).toContain('<link rel="stylesheet" href="/assets/admin-a1.css">');
      expect(html).toContain('<div id="pikir-admin"></div>');
      expect(html).toContain('<html lang="ru">');
      // Nothing inline: the CSP below would refuse it.
      expect(html).not.toMatch(/<style|<script>|style="/);
    }
  });

  it('forbids everything but its own files, framing and referrers, and is never cached', async () => {
    const { app } = await testApp(storage, { assets: loadAssets(fakeDist()) });
    const response = await app.request('/admin');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(ADMIN_CSP).not.toContain('unsafe');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('takes the language from ?lang, and ignores anything else there', async () => {
    const { app } = await testApp(storage, { assets: loadAssets(fakeDist()) });
    const kk = await (await app.request('/admin?lang=kk')).text();
    expect(kk).toContain('<html lang="kk">');
    // Its texts are fetched beside the entry, and no other language's.
    expect(kk).toContain('<link rel="modulepreload" href="/assets/kk-t1.js">');
    expect(kk).not.toContain('ru-t1.js');
    expect(await (await app.request('/admin')).text()).toContain(
      '<link rel="modulepreload" href="/assets/ru-t1.js">',
    );
    const hostile = await (await app.request('/admin?lang=%22%3E%3Cscript%3Ealert(1)%3C/script%3E')).text();
    expect(hostile).toContain('<html lang="ru">');
    expect(hostile).not.toContain('alert(1)');
  });

  it('answers 503 widget_not_built when the admin entry is not built or half built', async () => {
    for (const dist of [fakeDist({ withAdmin: false }), fakeDist({ missingFile: true })]) {
      const { app } = await testApp(storage, { assets: loadAssets(dist) });
      const response = await app.request('/admin');
      expect(response.status).toBe(503);
      expect(await errorOf(response)).toMatchObject({ code: 'widget_not_built' });
    }
    const { app } = await testApp(storage);
    expect((await app.request('/admin/')).status).toBe(503);
  });

  it('leaves the widget’s hashed files cacheable and the other pages framable as before', async () => {
    const { app } = await testApp(storage, { assets: loadAssets(fakeDist()) });
    const module = await app.request('/assets/admin-a1.js');
    expect(module.status).toBe(200);
    expect(module.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await app.request('/healthz')).headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
