import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compressDist } from '../../scripts/compress-assets.ts';
import { loadAssets } from '../../server/assets.ts';
import { pickEncoding } from '../../server/http/compression.ts';
import type { Storage } from '../../server/storage/db.ts';
import type { ThreadPage } from '../../shared/api.ts';
import { engines } from '../helpers/engines.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { ORIGIN, SITE, testApp } from '../helpers/test-app.ts';

const script = `export const widget = ${JSON.stringify('комментарии '.repeat(400))};`;

function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pikir-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'embed.js'), 'console.log("tiny")');
  writeFileSync(join(dir, 'assets', 'widget-abc123.js'), script);
  writeFileSync(join(dir, 'assets', 'widget-abc123.css'), `.pikir{color:red}\n`.repeat(200));
  return dir;
}

describe('choosing an encoding', () => {
  it('prefers br, then gzip, and follows q-values and *', () => {
    const both = ['br', 'gzip'] as const;
    expect(pickEncoding('gzip, deflate, br', both)).toBe('br');
    expect(pickEncoding('gzip', both)).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5', both)).toBe('gzip');
    expect(pickEncoding('gzip;q=0.2, br;q=0.1', both)).toBe('gzip');
    expect(pickEncoding('*', both)).toBe('br');
    expect(pickEncoding('identity', both)).toBeNull();
    expect(pickEncoding(undefined, both)).toBeNull();
    expect(pickEncoding('br', ['gzip'])).toBeNull();
    // RFC 9110 12.4.2: a weight is `OWS ";" OWS "q="`, so a space may stand before the semicolon.
    expect(pickEncoding('*, br ;q=0', both)).toBe('gzip');
    expect(pickEncoding('gzip ; q=0.5', both)).toBe('gzip');
  });
});

describe('compression on the wire', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await engines[0]!.open();
  });
  afterEach(() => storage.close());

  it('serves the files compressed at build by Accept-Encoding, with Vary', async () => {
    const dist = fakeDist();
    const totals = compressDist(dist);
    expect(totals.files).toBe(3);
    const { app } = await testApp(storage, { assets: loadAssets(dist) });
    const path = '/assets/widget-abc123.js';

    const br = await app.request(path, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes).toEqual(readFileSync(join(dist, 'assets', 'widget-abc123.js.br')));
    expect(brotliDecompressSync(brBytes).toString()).toBe(script);
    expect(brBytes.length).toBeLessThan(Buffer.byteLength(script) / 5);

    const gz = await app.request(path, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);

    const css = await app.request('/assets/widget-abc123.css', { headers: { 'Accept-Encoding': 'br' } });
    expect(css.headers.get('content-encoding')).toBe('br');

    const plain = await app.request(path);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(script);

    // A file that compression would only make bigger goes as it is.
    const tiny = await app.request('/embed.js', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(tiny.headers.get('content-encoding')).toBeNull();
    expect(await tiny.text()).toBe('console.log("tiny")');
  });

  it('compresses files built without the step once, at start-up', async () => {
    const { app } = await testApp(storage, { assets: loadAssets(fakeDist()) });
    const gz = await app.request('/assets/widget-abc123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);
  });

  it('compresses JSON answers above a small size, never small ones', async () => {
    const t = await testApp(storage);
    const read = (encoding?: string) =>
      t.app.request(`/api/sites/${SITE}/comments?page=a`, {
        headers: { Origin: ORIGIN, ...(encoding ? { 'Accept-Encoding': encoding } : {}) },
      });
    const small = await read('gzip, br');
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(small.headers.get('vary')).toContain('Accept-Encoding');

    const author = await seedUser(t.db, 'Айгерим');
    for (let i = 0; i < 10; i++) {
      await seedComment(t.db, {
        siteId: SITE,
        pageKey: 'a',
        authorId: author,
        at: i,
        text: `#${i} ${'x'.repeat(200)}`,
      });
    }
    const plain = await read();
    expect(plain.headers.get('content-encoding')).toBeNull();
    const json = await plain.text();
    expect(json.length).toBeGreaterThan(2000);

    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      // Twice: the second answer comes from the compressed copy kept for the same ETag.
      for (let round = 0; round < 2; round++) {
        const response = await read(encoding);
        expect(response.headers.get('content-encoding')).toBe(encoding);
        expect(response.headers.get('vary')).toMatch(
          /Origin.*Authorization.*Accept-Encoding|Accept-Encoding/,
        );
        const bytes = Buffer.from(await response.arrayBuffer());
        expect(bytes.length).toBeLessThan(json.length / 3);
        expect((JSON.parse(decode(bytes).toString()) as ThreadPage).total).toBe(10);
      }
    }
    // HEAD says what GET would send (RFC 9110 9.3.2): the same encoding and Vary, with no body.
    const head = await t.app.request(`/api/sites/${SITE}/comments?page=a`, {
      method: 'HEAD',
      headers: { Origin: ORIGIN, 'Accept-Encoding': 'br' },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-encoding')).toBe('br');
    expect(head.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const notModified = await read('gzip');
    const etag = notModified.headers.get('etag')!;
    const again = await t.app.request(`/api/sites/${SITE}/comments?page=a`, {
      headers: { Origin: ORIGIN, 'Accept-Encoding': 'gzip', 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-encoding')).toBeNull();
    expect(again.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect(again.headers.get('vary')?.match(/Accept-Encoding/g)).toHaveLength(1);
  });
});
