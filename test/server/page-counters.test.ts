import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editComment, getComment, setCommentStatus } from '../../server/storage/comments.ts';
import type { Storage } from '../../server/storage/db.ts';
import { moderate } from '../../server/storage/moderation.ts';
import { countVisible } from '../../server/storage/pages.ts';
import { createSite, updateSiteSettings } from '../../server/storage/sites.ts';
import { engines } from '../helpers/engines.ts';
import { seedComment, seedComplaint, seedUser } from '../helpers/seed.ts';

describe.each(engines)('page counters on $engine', ({ open }) => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await open();
    await createSite(storage.db, { id: 'news', name: 'News', origins: ['https://news.example.kz'] }, 1000);
    await updateSiteSettings(storage.db, 'news', { complaintThreshold: 1 });
  });
  afterEach(() => storage.close());

  async function page(key = 'a') {
    const row = await storage.db
      .selectFrom('pages')
      .select(['comment_count', 'version'])
      .where('site_id', '=', 'news')
      .where('page_key', '=', key)
      .executeTakeFirstOrThrow();
    return { count: Number(row.comment_count), version: Number(row.version) };
  }

  /** The kept count equals a full recount, and the version moved past the last one seen. */
  let lastVersion = 0;
  async function expectCount(expected: number, key = 'a') {
    const now = await page(key);
    expect(now.count).toBe(expected);
    expect(await countVisible(storage.db, 'news', key)).toBe(expected);
    expect(now.version).toBeGreaterThan(lastVersion);
    lastVersion = now.version;
  }

  async function decide(
    id: string,
    action: 'hide' | 'unhide' | 'delete' | 'dismiss',
    actorId: string,
    at: number,
  ) {
    const comment = (await getComment(storage.db, id))!;
    let n = 0;
    await moderate(storage.db, { comment, action, actorId, reason: null }, at, () => `audit-${at}-${n++}`);
  }

  it('keeps counts right through post, reply, edit, delete, hide, review and dismiss', async () => {
    lastVersion = 0;
    const author = await seedUser(storage.db);
    const admin = await seedUser(storage.db, 'Admin');
    const at = { siteId: 'news', pageKey: 'a', authorId: author };
    const top = await seedComment(storage.db, { ...at, at: 1 });
    await expectCount(1);
    const r1 = await seedComment(storage.db, { ...at, parentId: top, at: 2 });
    const r2 = await seedComment(storage.db, { ...at, parentId: top, at: 3 });
    await expectCount(3);
    const other = await seedComment(storage.db, { ...at, at: 4 });
    await expectCount(4);

    await editComment(storage.db, (await getComment(storage.db, r1))!, 'edited', 5);
    await expectCount(4);

    // Hiding the top comment takes its two replies with it; showing it again brings them back.
    await decide(top, 'hide', admin, 6);
    await expectCount(1);
    const hiddenReply = await seedComment(storage.db, { ...at, parentId: top, at: 7 });
    await expectCount(1);
    // The reply posted meanwhile was published all along: it shows with its parent.
    await decide(top, 'dismiss', admin, 8);
    await expectCount(5);
    // Unhiding is the same way back: the top comment and its three replies.
    await decide(top, 'hide', admin, 100);
    await expectCount(1);
    await decide(top, 'unhide', admin, 101);
    await expectCount(5);

    // A reply hidden, then deleted by its author: never counted twice, never below zero.
    await decide(r2, 'hide', admin, 9);
    await expectCount(4);
    await setCommentStatus(storage.db, (await getComment(storage.db, r2))!, { status: 'deleted' }, 10);
    await expectCount(4);

    // The author deletes the top comment: a placeholder keeps its visible replies counted.
    await setCommentStatus(
      storage.db,
      (await getComment(storage.db, top))!,
      { status: 'deleted', eraseText: true },
      11,
    );
    await expectCount(3);

    // A complaint over the threshold sends the comment to review; an admin deletes it.
    await seedComplaint(storage.db, { commentId: other, reporterId: admin, reason: 'spam', at: 12 });
    await expectCount(2);
    await decide(other, 'delete', admin, 13);
    await expectCount(2);

    await decide(r1, 'delete', admin, 14);
    await expectCount(1);
    await decide(hiddenReply, 'delete', admin, 15);
    await expectCount(0);
  });

  it('keeps the count exact under concurrent replies and a hide of their parent', async () => {
    const author = await seedUser(storage.db);
    const admin = await seedUser(storage.db, 'Admin');
    const at = { siteId: 'news', pageKey: 'b', authorId: author };
    const top = await seedComment(storage.db, { ...at, at: 1 });
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 12; i++) {
      writes.push(seedComment(storage.db, { ...at, parentId: top, at: 10 + i }));
      writes.push(seedComment(storage.db, { ...at, at: 30 + i }));
      if (i === 5) writes.push(decide(top, 'hide', admin, 50));
    }
    await Promise.all(writes);
    const { count } = await page('b');
    expect(count).toBe(await countVisible(storage.db, 'news', 'b'));
    expect(count).toBe(12);
    await decide(top, 'dismiss', admin, 60);
    expect((await page('b')).count).toBe(25);
  });
});
