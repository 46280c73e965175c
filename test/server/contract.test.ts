/**
 * The contract is the one source of the HTTP API: every entry has a route, every route of the
 * JSON API is an entry, and the README's API tables name exactly the entries.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDb, migrate } from '../../server/storage/db.ts';
import { contract } from '../../shared/contract/index.ts';
import { testApp } from '../helpers/test-app.ts';

const keys = Object.keys(contract).sort();
const isApi = (path: string) => path.startsWith('/api/') || path.startsWith('/admin/api/');

async function app() {
  const storage = createDb(':memory:');
  await migrate(storage.db);
  return (await testApp(storage)).app;
}

describe('the HTTP contract', () => {
  it('has one handler for every entry, behind its guard, and no API route outside it', async () => {
    const registered: Record<string, number> = {};
    for (const { method, path } of (await app()).routes) {
      const key = `${method} ${path}`;
      if (method !== 'ALL' && isApi(path)) registered[key] = (registered[key] ?? 0) + 1;
    }
    // The guard of a signed-in or optionally signed-in endpoint is registered on its path too.
    const expected = Object.fromEntries(
      Object.entries(contract).map(([key, spec]) => [
        key,
        spec.access === 'public' || spec.access === 'panel?' ? 1 : 2,
      ]),
    );
    expect(registered).toEqual(expected);
  });

  it('is what the README documents', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const named = new Set(
      [...readme.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s?]*)`/g)]
        .filter((m) => isApi(m[2]!))
        .map((m) => `${m[1]} ${m[2]}`),
    );
    expect([...named].sort()).toEqual(keys);
  });
});
