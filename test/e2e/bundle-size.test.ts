import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatSizes, LAZY_BUDGETS, measureBundles } from '../../server/bundle-size.ts';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

describe('bundle sizes', () => {
  const lines = measureBundles(dist);
  console.log(`\n${formatSizes(lines)}`);

  it('measures the loader, count.js, the reading path, every lazy flow and the admin panel', () => {
    expect(lines.map((l) => l.name)).toEqual([
      'embed.js',
      'count.js',
      'reading path',
      ...Object.keys(LAZY_BUDGETS).map((k) => `lazy ${k}`),
      'admin panel',
    ]);
    for (const line of lines) expect(line.gzip).toBeGreaterThan(0);
  });

  it('keeps the admin panel off the reading path', () => {
    const reading = lines.find((l) => l.name === 'reading path')!;
    const admin = lines.find((l) => l.name === 'admin panel')!;
    const adminOnly = admin.files.filter((file) => !reading.files.includes(file));
    expect(adminOnly.some((file) => file.endsWith('.js'))).toBe(true);
    expect(adminOnly.some((file) => file.endsWith('.css'))).toBe(true);
    // The admin entry and its stylesheet are never among the widget's files.
    expect(reading.files.some((file) => file.includes('admin'))).toBe(false);
  });

  for (const line of lines) {
    it(`${line.name} stays within ${line.budget / 1024} KB gzip`, () => {
      expect(line.gzip).toBeLessThanOrEqual(line.budget);
    });
  }
});
