import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest } from 'vite';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, dictionaryChunk, staticClosure } from '../../scripts/build-manifest.ts';
import {
  AUTH_CHUNK,
  FORMS_CHUNK,
  formatSizes,
  INTERACTIVE_CHUNK,
  LATER_DICTIONARY,
  LAZY_BUDGETS,
  measureBundles,
  phoneFile,
} from '../../scripts/bundle-size.ts';
import { languages } from '../../shared/i18n/languages.ts';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

describe('bundle sizes', () => {
  const lines = measureBundles(dist);
  console.log(`\n${formatSizes(lines)}`);

  it('measures the loader, count.js, the reading path, every lazy flow and the admin panel', () => {
    expect(lines.map((l) => l.name)).toEqual([
      'embed.js',
      'count.js',
      ...languages.map((lang) => `reading path (${lang})`),
      ...Object.keys(LAZY_BUDGETS).map((k) => `lazy ${k}`),
      ...languages.map((lang) => `admin panel (${lang})`),
    ]);
    for (const line of lines) expect(line.gzip).toBeGreaterThan(0);
  });

  it('loads one language’s panel texts: no other language’s in the panel of each', () => {
    const panels = languages.map((lang) => lines.find((l) => l.name === `admin panel (${lang})`)!);
    const only = (line: (typeof panels)[number]) =>
      line.files.filter((f) => !panels.every((other) => other.files.includes(f)));
    for (const [i, line] of panels.entries()) {
      expect(only(line).length, line.name).toBeGreaterThan(0);
      for (const [j, other] of panels.entries()) {
        if (i !== j)
          expect(
            only(line).some((f) => other.files.includes(f)),
            `${line.name} vs ${other.name}`,
          ).toBe(false);
      }
    }
  });

  it('measures a production build (no development JSX with source positions)', () => {
    for (const line of lines) {
      for (const file of line.files)
        expect(readFileSync(join(dist, file), 'utf8'), file).not.toMatch(/jsxDEV|columnNumber/);
    }
  });

  it('keeps the admin panel off the reading path', () => {
    const admin = lines.find((l) => l.name === 'admin panel (ru)')!;
    expect(admin.files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(admin.files.some((file) => file.endsWith('.css'))).toBe(true);
    for (const reading of lines.filter((l) => l.name.startsWith('reading path'))) {
      // A separate build: no admin file, and no admin code inside the readers' files.
      expect(reading.files.some((file) => admin.files.includes(file) || file.includes('admin'))).toBe(false);
      for (const file of reading.files)
        expect(readFileSync(join(dist, file), 'utf8')).not.toContain('/admin/api');
    }
  });

  for (const line of lines) {
    it(`${line.name} stays within ${line.budget / 1024} KB gzip`, () => {
      expect(line.gzip).toBeLessThanOrEqual(line.budget);
    });
  }

  it('keeps the auth flows and libphonenumber-js off the reading path', () => {
    const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
    expect(manifest[INTERACTIVE_CHUNK]?.dynamicImports).toContain(AUTH_CHUNK);
    const reading = staticClosure(manifest, APP_ENTRY);
    expect(reading).not.toContain(manifest[AUTH_CHUNK]!.file);
    // Only the site's countries' phone metadata reaches readers: not the world's (Uzbekistan's +998).
    const auth = readFileSync(join(dist, manifest[AUTH_CHUNK]!.file), 'utf8');
    expect(auth).toMatch(/AsYouType|country_calling_codes/);
    expect(auth).not.toMatch(/\bUZ\b|"998"/);
    expect(readFileSync(join(dist, phoneFile(dist, 'KZ')), 'utf8')).toMatch(/"KZ":\[/);
    for (const file of reading) {
      const code = readFileSync(join(dist, file), 'utf8');
      // Marks of libphonenumber-js's metadata and formatter, and of the auth texts.
      expect(code, file).not.toMatch(/country_calling_codes|AsYouType|SMS-сообщения/);
    }
  });

  it('keeps the texts only a click leads to in a part of each dictionary of their own', () => {
    const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
    for (const lang of languages) {
      const reading = readFileSync(join(dist, manifest[dictionaryChunk(manifest, lang)]!.file), 'utf8');
      const later = readFileSync(join(dist, manifest[`${LATER_DICTIONARY}${lang}`]!.file), 'utf8');
      // The report dialog's texts and the flows' errors; the errors a thread read ends in stay.
      expect(reading, lang).not.toMatch(/sentTitle|complaintReasons|invalid_credentials/);
      expect(reading, lang).toMatch(/rate_limited/);
      expect(later, lang).toMatch(/sentTitle/);
      expect(later, lang).toMatch(/invalid_credentials/);
    }
  });

  it('keeps the comment form and the report dialog off the reading path, and embed.js on it', () => {
    const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
    const reading = staticClosure(manifest, APP_ENTRY);
    expect(reading).not.toContain(manifest[FORMS_CHUNK]!.file);
    for (const file of reading) {
      // The composer's caret placing and the report dialog's radio buttons and answer.
      expect(readFileSync(join(dist, file), 'utf8'), file).not.toMatch(/setSelectionRange|radio|sentTitle/);
    }
    expect(readFileSync(join(dist, manifest[FORMS_CHUNK]!.file), 'utf8')).toMatch(/setSelectionRange/);
    for (const line of lines.filter((l) => l.name.startsWith('reading path')))
      expect(line.files[0]).toBe('embed.js');
  });

  it('keeps what the comments’ buttons do off the reading path, in the on-click chunk', () => {
    const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
    // The endpoints of a report, a hide, a close and more replies: each named only by its act.
    const writes = /comments\/:id\/(complaints|hide|replies)|pages\/closed/;
    for (const file of staticClosure(manifest, APP_ENTRY)) {
      expect(readFileSync(join(dist, file), 'utf8'), file).not.toMatch(writes);
    }
    const onClick = readFileSync(join(dist, manifest[FORMS_CHUNK]!.file), 'utf8');
    for (const endpoint of [
      'comments/:id/complaints',
      'comments/:id/hide',
      'comments/:id/replies',
      'pages/closed',
    ])
      expect(onClick).toContain(endpoint);
  });

  it('paints the thread without Preact, which comes with the interactive widget', () => {
    const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
    expect(manifest[APP_ENTRY]?.dynamicImports).toContain(INTERACTIVE_CHUNK);
    const reading = staticClosure(manifest, APP_ENTRY);
    // Marks of Preact's diff (its mangled vnode fields) and of the components' hooks.
    const preact = /__k|__H|useLayoutEffect|\.__e\b/;
    for (const file of reading) expect(readFileSync(join(dist, file), 'utf8'), file).not.toMatch(preact);
    const interactive = staticClosure(manifest, INTERACTIVE_CHUNK).filter((f) => !reading.includes(f));
    expect(interactive.map((f) => readFileSync(join(dist, f), 'utf8')).join('\n')).toMatch(preact);
  });

  it('keeps the vocabulary’s lists off the reading path but for the themes and a thread’s orders', () => {
    const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
    // Pre-moderation modes, alert kinds, what becomes of an erased account's comments.
    for (const file of staticClosure(manifest, APP_ENTRY)) {
      expect(readFileSync(join(dist, file), 'utf8'), file).not.toMatch(
        /first_comment|sms_budget_50|anonymise/,
      );
    }
  });
});
