import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getComment, setCommentStatus } from '../../server/storage/comments.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite } from '../../server/storage/sites.ts';
import type { RepliesPage, ThreadPage } from '../../shared/api.ts';
import { REPLIES_PAGE_SIZE, REPLIES_SHOWN } from '../../shared/limits.ts';
import { signedIn } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { errorOf, ORIGIN, SITE, testApp } from '../helpers/test-app.ts';

describe.each(engines)('replies capped per top-level comment on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
  });
  afterEach(() => storage.close());

  const get = async <T>(path: string, token?: string) => {
    const response = await t.app.request(`/api/sites/${SITE}/comments${path}`, {
      headers: { Origin: ORIGIN, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    });
    return { response, body: (await response.clone().json()) as T };
  };

  /**
   * A top-level comment with `count` replies #0… one second apart (with `ties`, two at a time in
   * the same millisecond: the id orders those), and two more top-level comments beside it.
   */
  async function seed(count: number, ties = false) {
    const author = await seedUser(t.db, 'Айгерим');
    const on = { siteId: SITE, pageKey: 'a', authorId: author };
    const top = await seedComment(t.db, { ...on, at: 1_000, text: 'top' });
    const quiet = await seedComment(t.db, { ...on, at: 2_000, text: 'quiet' });
    const one = await seedComment(t.db, { ...on, at: 3_000, text: 'one reply' });
    await seedComment(t.db, { ...on, at: 3_500, text: 'the reply', parentId: one });
    const replies: string[] = [];
    for (let i = 0; i < count; i++) {
      const at = 10_000 + (ties ? Math.floor(i / 2) : i) * 1000;
      replies.push(await seedComment(t.db, { ...on, at, text: `#${i}`, parentId: top }));
    }
    return { top, quiet, one, replies };
  }

  const texts = (list: { text: string }[]) => list.map((r) => r.text);

  it('shows the oldest replies with their count, and pages the rest oldest first by keyset', async () => {
    const count = REPLIES_SHOWN + REPLIES_PAGE_SIZE + 2;
    const { top, replies } = await seed(count, true);
    const { body: thread } = await get<ThreadPage>('?page=a');
    expect(thread.total).toBe(count + 4);
    const shown = thread.comments.find((c) => c.id === top)!;
    expect(shown.replyCount).toBe(count);
    expect(shown.replies).toHaveLength(REPLIES_SHOWN);
    expect(shown.repliesCursor).toMatch(/^\d+\.\S+$/);
    expect(thread.comments.find((c) => c.text === 'one reply')).toMatchObject({
      replyCount: 1,
      repliesCursor: null,
      replies: [{ text: 'the reply' }],
    });
    expect(thread.comments.find((c) => c.text === 'quiet')).toMatchObject({
      replyCount: 0,
      repliesCursor: null,
      replies: [],
    });

    const first = await get<RepliesPage>(`/${top}/replies?cursor=${shown.repliesCursor}`);
    expect(first.response.status).toBe(200);
    expect(first.body.replies).toHaveLength(REPLIES_PAGE_SIZE);
    const second = await get<RepliesPage>(`/${top}/replies?cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    const all = [...shown.replies, ...first.body.replies, ...second.body.replies];
    // Every reply once, in the order they were written (ids break ties within a millisecond).
    const byTime = [...all].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    expect(texts(all)).toEqual(texts(byTime));
    expect(new Set(all.map((r) => r.id))).toEqual(new Set(replies));

    // Without a cursor: from the first reply.
    const fromStart = await get<RepliesPage>(`/${top}/replies`);
    expect(texts(fromStart.body.replies.slice(0, REPLIES_SHOWN))).toEqual(texts(shown.replies));
    expect(fromStart.response.headers.get('cache-control')).toBe('no-cache');
  });

  it('shows and counts replies as the thread does: withheld ones for their author only', async () => {
    const { top, replies } = await seed(REPLIES_SHOWN + 2);
    const reader = await signedIn(t, 'Ерлан');
    const own = await seedComment(t.db, {
      siteId: SITE,
      pageKey: 'a',
      authorId: reader.id,
      at: 5_000,
      text: 'own, under review',
      parentId: top,
    });
    for (const id of [own, replies[1]!]) {
      const comment = (await getComment(t.db, id))!;
      await setCommentStatus(t.db, comment, { status: id === own ? 'review' : 'hidden' }, 6_000);
    }

    const anonymous = (await get<ThreadPage>('?page=a')).body.comments.find((c) => c.id === top)!;
    expect(anonymous.replyCount).toBe(REPLIES_SHOWN + 1);
    expect(texts(anonymous.replies)).toEqual(['#0', '#2', '#3']);
    const rest = await get<RepliesPage>(`/${top}/replies?cursor=${anonymous.repliesCursor}`);
    expect(texts(rest.body.replies)).toEqual(['#4']);

    const author = (await get<ThreadPage>('?page=a', reader.token)).body.comments.find((c) => c.id === top)!;
    expect(author.replyCount).toBe(REPLIES_SHOWN + 2);
    expect(texts(author.replies)).toEqual(['own, under review', '#0', '#2']);
    const theirs = await get<RepliesPage>(`/${top}/replies`, reader.token);
    expect(texts(theirs.body.replies)).toEqual(['own, under review', '#0', '#2', '#3', '#4']);
    expect(theirs.response.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('answers 404 for a reply, an unknown comment or one of another site, 400 for a bad cursor', async () => {
    const { top, replies } = await seed(1);
    await createSite(t.db, { id: 'other', name: 'Other', origins: [ORIGIN] }, 0);
    const elsewhere = await seedComment(t.db, {
      siteId: 'other',
      pageKey: 'a',
      authorId: await seedUser(t.db, 'Дана'),
      at: 1,
    });
    for (const id of [replies[0]!, 'no-such-comment', elsewhere]) {
      const { response } = await get(`/${id}/replies`);
      expect(response.status, id).toBe(404);
      expect((await errorOf(response)).code).toBe('not_found');
    }
    const { response } = await get(`/${top}/replies?cursor=yesterday`);
    expect(response.status).toBe(400);
  });
});
