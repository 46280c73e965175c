import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAssets } from '../../server/assets.ts';
import type { Storage } from '../../server/storage/db.ts';
import { engines } from '../helpers/engines.ts';
import { errorOf, testApp } from '../helpers/test-app.ts';

function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pikir-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'embed.js'), 'console.log("loader")');
  writeFileSync(join(dir, 'assets', 'widget-abc123.js'), 'export const x = 1');
  return dir;
}

describe('widget files', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await engines[0]!.open();
  });
  afterEach(() => storage.close());

  it('serves embed.js with a short cache and hashed modules for a year, to any origin', async () => {
    const { app } = await testApp(storage, { assets: loadAssets(fakeDist()) });
    const loader = await app.request('/embed.js');
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toMatch(/javascript/);
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
    const module = await app.request('/assets/widget-abc123.js');
    expect(await module.text()).toBe('export const x = 1');
    expect(module.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(module.headers.get('access-control-allow-origin')).toBe('*');
    expect(module.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('answers missing files and an unbuilt widget with JSON errors', async () => {
    const { app } = await testApp(storage, { assets: loadAssets(fakeDist()) });
    expect((await app.request('/assets/../../etc/passwd')).status).toBe(404);
    expect((await app.request('/assets/nope.js')).status).toBe(404);
    const count = await app.request('/count.js');
    expect(count.status).toBe(503);
    expect(await errorOf(count)).toMatchObject({ code: 'widget_not_built' });
  });
});
