import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminSiteIds, isSiteAdmin } from '../../server/auth/admins.ts';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite } from '../../server/storage/sites.ts';
import { engines } from '../helpers/engines.ts';

describe.each(engines)('admin rights on $engine', ({ open }) => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await open();
    await createSite(storage.db, { id: 'a', name: 'A', origins: ['https://a.kz'] }, 0);
    await createSite(storage.db, { id: 'b', name: 'B', origins: ['https://b.kz'] }, 0);
    await addSiteAdmin(storage.db, 'a', 'editor@a.kz', 0);
    await addSiteAdmin(storage.db, 'b', '+77011234567', 0);
  });
  afterEach(() => storage.close());

  it('follow the verified email or phone, per site', async () => {
    const editor = { email: 'editor@a.kz', phone: '+77011234567' };
    expect(await adminSiteIds(storage.db, [], editor)).toEqual(expect.arrayContaining(['a', 'b']));
    expect(await isSiteAdmin(storage.db, [], { email: 'editor@a.kz', phone: null }, 'b')).toBe(false);
    expect(await isSiteAdmin(storage.db, [], { email: 'editor@a.kz', phone: null }, 'a')).toBe(true);
    expect(await adminSiteIds(storage.db, [], { email: 'reader@a.kz', phone: null })).toEqual([]);
  });

  it('give ADMINS every site', async () => {
    expect(await adminSiteIds(storage.db, ['chief@news.kz'], { email: 'chief@news.kz', phone: null })).toBe(
      'all',
    );
    expect(
      await isSiteAdmin(storage.db, ['chief@news.kz'], { email: 'chief@news.kz', phone: null }, 'b'),
    ).toBe(true);
  });
});
