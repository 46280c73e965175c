import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomId } from '../../server/ids.ts';
import { insertComment, listThread } from '../../server/storage/comments.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite } from '../../server/storage/sites.ts';
import { openPostgresInstances } from '../helpers/engines.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';

const SITE = 'news';

describe.skipIf(!process.env.TEST_DATABASE_URL)('a thread read on PostgreSQL', () => {
  let storage: Storage | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await storage?.close();
    storage = undefined;
  });

  // Every round trip of a read waits its turn in the event loop behind the posts' callbacks: the
  // top-level comments, the pinned ones and their replies are one statement, not three.
  it('reads a page with pinned comments, replies and a next page in one statement', async () => {
    storage = (await openPostgresInstances(1))![0]!;
    const { db } = storage;
    await createSite(db, { id: SITE, name: 'News', origins: ['https://news.example.kz'] }, 1);
    const author = await seedUser(db, 'Ann');
    const at = (n: number) => 1_000 + n;
    const top: string[] = [];
    for (let n = 0; n < 4; n++)
      top.push(await seedComment(db, { siteId: SITE, pageKey: 'a', authorId: author, at: at(n) }));
    const replies: string[] = [];
    for (let n = 0; n < 5; n++) {
      replies.push(
        await seedComment(db, {
          siteId: SITE,
          pageKey: 'a',
          authorId: author,
          parentId: top[3]!,
          at: at(10 + n),
        }),
      );
    }
    // The row after the page (read only to know that a next page follows) has a reply too.
    await seedComment(db, { siteId: SITE, pageKey: 'a', authorId: author, parentId: top[1]!, at: at(20) });
    await db.updateTable('comments').set({ pinned_at: 50 }).where('id', '=', top[0]!).execute();

    const real = pg.Client.prototype.query;
    const answers: { rows: { parent_id: string | null }[] }[] = [];
    const query = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (
      this: pg.Client,
      ...args: unknown[]
    ) {
      const result = (real as (...a: unknown[]) => Promise<{ rows: { parent_id: string | null }[] }>).apply(
        this,
        args,
      );
      return result.then((answer) => {
        answers.push(answer);
        return answer;
      }) as never;
    });
    const slice = await listThread(db, { siteId: SITE, pageKey: 'a', limit: 2, replies: 3 });
    expect(query).toHaveBeenCalledTimes(1);
    // Replies only of what the page shows.
    expect(answers[0]!.rows.filter((row) => row.parent_id === top[1])).toEqual([]);

    // Pinned first, then the newest two of the rest, the next page after them.
    expect(slice.comments.map((c) => c.id)).toEqual([top[0], top[3], top[2]]);
    expect(slice.comments[0]!.pinned).toBe(true);
    const withReplies = slice.comments[1]!;
    expect(withReplies.replies.map((r) => r.id)).toEqual(replies.slice(0, 3));
    expect(withReplies.replyCount).toBe(5);
    expect(withReplies.repliesCursor).toEqual({ createdAt: at(12), id: replies[2] });
    expect(slice.next).toEqual({ createdAt: at(2), id: top[2] });
  });

  // The statement is built once per shape of request and run with each request's values: one
  // reader's id, page or cursor must never stay in it for the next.
  it('runs the statement of a shape with each request’s own reader and page', async () => {
    storage = (await openPostgresInstances(1))![0]!;
    const { db } = storage;
    await createSite(db, { id: SITE, name: 'News', origins: ['https://news.example.kz'] }, 1);
    const ann = await seedUser(db, 'Ann');
    const bob = await seedUser(db, 'Bob');
    const onA = await seedComment(db, { siteId: SITE, pageKey: 'a', authorId: bob, at: 1 });
    const onB = await seedComment(db, { siteId: SITE, pageKey: 'b', authorId: bob, at: 2 });
    const held = randomId();
    await insertComment(
      db,
      {
        id: held,
        page: { siteId: SITE, pageKey: 'a', title: 'A', url: 'https://news.example.kz/a' },
        parentId: null,
        authorId: ann,
        text: 'waits for review',
        status: 'held',
      },
      3,
    );
    const read = (userId: string, pageKey = 'a') =>
      listThread(db, { siteId: SITE, pageKey, limit: 20, replies: 3, viewer: { userId, admin: false } }).then(
        (slice) => slice.comments.map((c) => c.id),
      );
    expect(await read(ann)).toEqual([held, onA]);
    expect(await read(bob)).toEqual([onA]);
    expect(await read(ann)).toEqual([held, onA]);
    expect(await read(ann, 'b')).toEqual([onB]);
  });
});
