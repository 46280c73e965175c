import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatSizes, LAZY_BUDGETS, measureBundles } from '../../server/bundle-size.ts';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

describe('bundle sizes', () => {
  const lines = measureBundles(dist);
  console.log(`\n${formatSizes(lines)}`);

  it('measures the loader, count.js, the reading path and every lazy flow', () => {
    expect(lines.map((l) => l.name)).toEqual([
      'embed.js',
      'count.js',
      'reading path',
      ...Object.keys(LAZY_BUDGETS).map((k) => `lazy ${k}`),
    ]);
    for (const line of lines) expect(line.gzip).toBeGreaterThan(0);
  });

  for (const line of lines) {
    it(`${line.name} stays within ${line.budget / 1024} KB gzip`, () => {
      expect(line.gzip).toBeLessThanOrEqual(line.budget);
    });
  }
});
