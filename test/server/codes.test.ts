import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CodeTarget, newCode, storeCode, useCode } from '../../server/auth/codes.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite } from '../../server/storage/sites.ts';
import { engines } from '../helpers/engines.ts';

describe('newCode', () => {
  it('is six digits, zero-padded, and varies', () => {
    const codes = Array.from({ length: 200 }, newCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });
});

describe.each(engines)('one-time codes on $engine', ({ open }) => {
  let storage: Storage;
  const secret = randomBytes(32);
  const target: CodeTarget = { purpose: 'register', contact: '+77011234567', siteId: 'a' };
  beforeEach(async () => {
    storage = await open();
    await createSite(storage.db, { id: 'a', name: 'A', origins: ['https://a.kz'] }, 0);
  });
  afterEach(() => storage.close());

  it('stores only a keyed hash of the code', async () => {
    await storeCode(storage.db, secret, target, '042424', '{"x":1}', 0);
    const rows = await storage.db.selectFrom('codes').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain('042424');
    // Another server secret cannot check it.
    expect(await useCode(storage.db, randomBytes(32), target, '042424', 1)).toBeNull();
    expect(await useCode(storage.db, secret, target, '042424', 1)).toEqual({ payload: '{"x":1}' });
  });

  it('lets only one of many simultaneous correct submissions through', async () => {
    await storeCode(storage.db, secret, target, '123456', null, 0);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => useCode(storage.db, secret, target, '123456', 1)),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('counts parallel wrong guesses: at most 5 reach the comparison', async () => {
    await storeCode(storage.db, secret, target, '123456', null, 0);
    await Promise.all(Array.from({ length: 20 }, () => useCode(storage.db, secret, target, '000000', 1)));
    const row = await storage.db.selectFrom('codes').select('attempts').executeTakeFirstOrThrow();
    expect(Number(row.attempts)).toBe(5);
    expect(await useCode(storage.db, secret, target, '123456', 1)).toBeNull();
  });

  it('a new code replaces the old one and its tries', async () => {
    await storeCode(storage.db, secret, target, '111111', null, 0);
    for (let i = 0; i < 5; i++) await useCode(storage.db, secret, target, '999999', 1);
    await storeCode(storage.db, secret, target, '222222', null, 2);
    expect(await useCode(storage.db, secret, target, '111111', 3)).toBeNull();
    expect(await useCode(storage.db, secret, target, '222222', 3)).not.toBeNull();
  });
});
