import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSiteAdmin, listSiteAdmins } from '../../server/storage/admins.ts';
import { getPageTotal, insertComment, listThread } from '../../server/storage/comments.ts';
import type { Storage } from '../../server/storage/db.ts';
import { getCommentCounts, upsertPage } from '../../server/storage/pages.ts';
import { createSite, defaultSiteSettings, getSite, listSites } from '../../server/storage/sites.ts';
import { insertUser } from '../../server/storage/users.ts';
import { engines } from '../helpers/engines.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';

describe.each(engines)('storage contract on $engine', ({ open }) => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await open();
    await createSite(storage.db, { id: 'news', name: 'News', origins: ['https://news.example.kz'] }, 1000);
  });
  afterEach(() => storage.close());

  it('stores sites with their origins and default settings', async () => {
    expect(await getSite(storage.db, 'news')).toEqual({
      id: 'news',
      name: 'News',
      origins: ['https://news.example.kz'],
      defaultCountry: 'KZ',
      settings: defaultSiteSettings,
      createdAt: 1000,
      webhookSalt: null,
    });
    expect(await getSite(storage.db, 'missing')).toBeUndefined();
  });

  it('refuses a second site with the same id and keeps the first', async () => {
    expect(await createSite(storage.db, { id: 'news', name: 'Other', origins: ['https://o.kz'] }, 2000)).toBe(
      false,
    );
    const sites = await listSites(storage.db);
    expect(sites.map((s) => [s.id, s.name])).toEqual([['news', 'News']]);
  });

  it('keeps admins per site, once each', async () => {
    await addSiteAdmin(storage.db, 'news', 'editor@news.kz', 1);
    await addSiteAdmin(storage.db, 'news', 'editor@news.kz', 2);
    await addSiteAdmin(storage.db, 'news', '+77011234567', 3);
    expect(await listSiteAdmins(storage.db, 'news')).toEqual(['+77011234567', 'editor@news.kz']);
  });

  it('allows one account per email and per phone', async () => {
    await insertUser(storage.db, { id: 'u1', displayName: 'A', email: 'a@b.kz', phone: '+77011234567' }, 1);
    await insertUser(storage.db, { id: 'u2', displayName: 'B' }, 1);
    await insertUser(storage.db, { id: 'u3', displayName: 'C' }, 1);
    await expect(
      insertUser(storage.db, { id: 'u4', displayName: 'D', email: 'a@b.kz' }, 1),
    ).rejects.toThrow();
    await expect(
      insertUser(storage.db, { id: 'u5', displayName: 'E', phone: '+77011234567' }, 1),
    ).rejects.toThrow();
  });

  it('pages a thread newest first by keyset, with replies under their comment', async () => {
    const author = await seedUser(storage.db);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        await seedComment(storage.db, { siteId: 'news', pageKey: 'p1', authorId: author, at: 1000 + i }),
      );
    }
    const reply = await seedComment(storage.db, {
      siteId: 'news',
      pageKey: 'p1',
      authorId: author,
      parentId: ids[1]!,
      at: 2000,
    });
    await seedComment(storage.db, { siteId: 'news', pageKey: 'other', authorId: author, at: 3000 });

    const first = await listThread(storage.db, { siteId: 'news', pageKey: 'p1', limit: 2 });
    expect(first.comments.map((c) => c.id)).toEqual([ids[4], ids[3]]);
    expect(first.next).toEqual({ createdAt: 1003, id: ids[3] });

    const second = await listThread(storage.db, {
      siteId: 'news',
      pageKey: 'p1',
      limit: 2,
      before: first.next!,
    });
    expect(second.comments.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    expect(second.comments[1]!.replies.map((r) => r.id)).toEqual([reply]);

    const last = await listThread(storage.db, {
      siteId: 'news',
      pageKey: 'p1',
      limit: 2,
      before: second.next!,
    });
    expect(last.comments.map((c) => c.id)).toEqual([ids[0]]);
    expect(last.next).toBeNull();
    expect(await getPageTotal(storage.db, 'news', 'p1')).toBe(6);
  });

  it('orders comments of the same millisecond stably and skips none', async () => {
    const author = await seedUser(storage.db);
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++)
      ids.add(await seedComment(storage.db, { siteId: 'news', pageKey: 'p', authorId: author, at: 5 }));
    const seen: string[] = [];
    let before: { createdAt: number; id: string } | undefined;
    do {
      const page = await listThread(storage.db, { siteId: 'news', pageKey: 'p', limit: 3, before });
      seen.push(...page.comments.map((c) => c.id));
      before = page.next ?? undefined;
    } while (before);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it('returns the author name and the text exactly as stored', async () => {
    const author = await seedUser(storage.db, 'Әсел <b>');
    await seedComment(storage.db, {
      siteId: 'news',
      pageKey: 'p',
      authorId: author,
      text: '<img src=x onerror=alert(1)>\nок',
      at: 7,
    });
    const { comments } = await listThread(storage.db, { siteId: 'news', pageKey: 'p', limit: 10 });
    expect(comments[0]).toMatchObject({
      author: { id: author, name: 'Әсел <b>' },
      text: '<img src=x onerror=alert(1)>\nок',
      createdAt: 7,
    });
  });

  it('counts comments per page, zero for unknown pages', async () => {
    const author = await seedUser(storage.db);
    await seedComment(storage.db, { siteId: 'news', pageKey: 'a', authorId: author, at: 1 });
    await seedComment(storage.db, { siteId: 'news', pageKey: 'a', authorId: author, at: 2 });
    expect(await getCommentCounts(storage.db, 'news', ['a', 'b'])).toEqual({ a: 2, b: 0 });
    expect(await getCommentCounts(storage.db, 'other', ['a'])).toEqual({ a: 0 });
  });

  it('keeps a page title and URL as first reported, and its count', async () => {
    const author = await seedUser(storage.db);
    await seedComment(storage.db, { siteId: 'news', pageKey: 'a', authorId: author, at: 1 });
    await upsertPage(
      storage.db,
      { siteId: 'news', pageKey: 'a', title: 'New title', url: 'https://news.example.kz/b' },
      9,
    );
    const row = await storage.db.selectFrom('pages').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      title: 'Article',
      url: 'https://news.example.kz/a',
      comment_count: 1,
      updated_at: 9,
    });
  });

  it('writes nothing when a comment cannot be stored', async () => {
    const page = { siteId: 'news', pageKey: 'x', title: 'T', url: 'https://news.example.kz/x' };
    await expect(
      insertComment(storage.db, { id: 'c1', page, parentId: null, authorId: 'no-such-user', text: 'hi' }, 1),
    ).rejects.toThrow();
    expect(await storage.db.selectFrom('pages').selectAll().execute()).toEqual([]);
  });
});
