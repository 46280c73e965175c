import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.ts';
import type { Storage } from '../../server/storage/db.ts';
import { wilsonScore } from '../../server/storage/reactions.ts';
import { updateSite } from '../../server/storage/sites.ts';
import type {
  AuditPage,
  CommentContext,
  CommentCreated,
  ReactionView,
  ThreadOrder,
  ThreadPage,
} from '../../shared/api.ts';
import { panelUser, posted, type Reader, signedIn, widget } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { errorOf, ORIGIN, PUBLIC_URL, SITE, testApp } from '../helpers/test-app.ts';

describe('wilsonScore', () => {
  it('ranks by confidence, not raw counts', () => {
    expect(wilsonScore(0, 0)).toBe(0);
    expect(wilsonScore(10, 1)).toBeGreaterThan(wilsonScore(1, 0));
    expect(wilsonScore(3, 0)).toBeGreaterThan(wilsonScore(2, 0));
    expect(wilsonScore(100, 50)).toBeGreaterThan(wilsonScore(5, 0));
    expect(Number.isInteger(wilsonScore(7, 3))).toBe(true);
  });
});

describe.each(engines)('likes, orders, pins and permalinks on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;

  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
  });
  afterEach(() => storage.close());

  const send = (method: string, path: string, who?: Reader, body?: unknown) =>
    t.app.request(`/api/sites/${SITE}${path}`, {
      method,
      headers: {
        Origin: ORIGIN,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(who ? { Authorization: `Bearer ${who.token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const react = (who: Reader, id: string, reaction: string) =>
    send('PUT', `/comments/${id}/reaction`, who, { reaction });
  const thread = async (order: ThreadOrder, cursor?: string, who?: Reader) => {
    const query = `?page=a&order=${order}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await send('GET', `/comments${query}`, who);
    expect(response.status).toBe(200);
    return { response, body: (await response.json()) as ThreadPage };
  };

  it('a reader likes once, takes it back, never their own; counts for everyone, ETag changes', async () => {
    const api = widget(t);
    const a = await signedIn(t, 'Alice');
    const b = await signedIn(t, 'Boris');
    const id = await posted(await api.post(a, { text: 'Первый' }));
    const before = await thread('new');

    const liked = await react(b, id, 'like');
    expect(liked.status).toBe(200);
    expect((await liked.json()) as ReactionView).toEqual({ id, likes: 1, dislikes: 0, mine: 'like' });
    // Twice is still once.
    t.clock.advance(1000);
    expect(((await (await react(b, id, 'like')).json()) as ReactionView).likes).toBe(1);

    const anonymous = await thread('new');
    expect(anonymous.response.headers.get('ETag')).not.toBe(before.response.headers.get('ETag'));
    expect(anonymous.body.comments[0]).toMatchObject({ id, likes: 1 });
    expect(anonymous.body.comments[0]!.mine).toBeUndefined();
    expect((await thread('new', undefined, b)).body.comments[0]!.mine).toBe('like');

    const own = await react(a, id, 'like');
    expect(own.status).toBe(403);
    expect((await errorOf(own)).code).toBe('own_comment');

    const back = (await (await react(b, id, 'none')).json()) as ReactionView;
    expect(back).toEqual({ id, likes: 0, dislikes: 0, mine: 'none' });
    expect((await thread('new')).body.comments[0]!.likes).toBeUndefined();
  });

  it('dislikes only where the site turned them on; bad input, anonymous, banned and closed refused', async () => {
    const api = widget(t);
    const a = await signedIn(t, 'Alice');
    const b = await signedIn(t, 'Boris');
    const id = await posted(await api.post(a, { text: 'Первый' }));

    const off = await react(b, id, 'dislike');
    expect(off.status).toBe(403);
    expect((await errorOf(off)).code).toBe('dislikes_off');
    expect((await thread('new')).body.config.dislikes).toBeUndefined();

    await updateSite(t.db, SITE, () => ({ settings: { dislikes: true } }));
    expect((await thread('new')).body.config.dislikes).toBe(true);
    const on = (await (await react(b, id, 'dislike')).json()) as ReactionView;
    expect(on).toMatchObject({ likes: 0, dislikes: 1, mine: 'dislike' });
    // One reaction per reader: a like replaces the dislike.
    expect((await (await react(b, id, 'like')).json()) as ReactionView).toMatchObject({
      likes: 1,
      dislikes: 0,
    });

    const bad = await react(b, id, 'love');
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('invalid_request');
    const anonymous = await t.app.request(`/api/sites/${SITE}/comments/${id}/reaction`, {
      method: 'PUT',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reaction: 'like' }),
    });
    expect(anonymous.status).toBe(401);
    expect((await react(b, 'nope', 'like')).status).toBe(404);

    const c = await signedIn(t, 'Carl');
    await t.db
      .insertInto('bans')
      .values({
        id: 'ban1',
        site_id: SITE,
        user_id: c.id,
        until: null,
        reason: 'spam',
        actor_id: a.id,
        created_at: 0,
      })
      .execute();
    expect((await errorOf(await react(c, id, 'like'))).code).toBe('banned');

    await t.db.updateTable('pages').set({ closed_at: 1 }).execute();
    const closed = await react(b, id, 'none');
    expect(closed.status).toBe(403);
    expect((await errorOf(closed)).code).toBe('thread_closed');
  });

  it('reactions are rate-limited per reader', async () => {
    const api = widget(t);
    const a = await signedIn(t, 'Alice');
    const b = await signedIn(t, 'Boris');
    const id = await posted(await api.post(a, { text: 'Первый' }));
    for (let i = 0; i < 30; i++) expect((await react(b, id, i % 2 ? 'none' : 'like')).status).toBe(200);
    const refused = await react(b, id, 'like');
    expect(refused.status).toBe(429);
    expect((await errorOf(refused)).retryAfter).toBeGreaterThan(0);
    t.clock.advance(61_000);
    expect((await react(b, id, 'like')).status).toBe(200);
  });

  it('pages never repeat or skip in any order, with ties, and the best order follows likes', async () => {
    const author = await seedUser(t.db, 'Author');
    const ids: string[] = [];
    // 45 comments, three at each moment: ties of created_at broken by id.
    for (let i = 0; i < 45; i++) {
      ids.push(
        await seedComment(t.db, {
          siteId: SITE,
          pageKey: 'a',
          authorId: author,
          at: 1000 + Math.floor(i / 3),
        }),
      );
    }
    // Ties of score too: groups with one, two and three likes.
    const likers = await Promise.all([1, 2, 3].map((n) => signedIn(t, `Liker ${n}`)));
    for (const [i, id] of ids.slice(0, 9).entries()) {
      for (const liker of likers.slice(0, 1 + (i % 3))) {
        expect((await react(liker, id, 'like')).status).toBe(200);
      }
    }
    for (const order of ['new', 'old', 'best'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await thread(order, cursor);
        seen.push(...page.body.comments.map((c) => c.id));
        cursor = page.body.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(45);
      expect([...seen].sort()).toEqual([...ids].sort());
      if (order === 'old') expect(seen.slice(0, 3).sort()).toEqual(ids.slice(0, 3).sort());
      if (order === 'new') expect(seen.slice(0, 3).sort()).toEqual(ids.slice(42).sort());
      if (order === 'best') {
        // Three likes first, then two, then one, then the rest newest first.
        const likes = (id: string) => 1 + (ids.indexOf(id) % 3);
        expect(seen.slice(0, 9).map(likes)).toEqual([3, 3, 3, 2, 2, 2, 1, 1, 1]);
        expect(seen.slice(9, 12).sort()).toEqual(ids.slice(42).sort());
      }
    }
    // A cursor of one order is refused in another, not misread.
    const best = await thread('best');
    const wrong = await send('GET', `/comments?page=a&order=new&cursor=${best.body.nextCursor}`);
    expect(wrong.status).toBe(400);
    expect((await errorOf(wrong)).code).toBe('invalid_request');
    const unknown = await send('GET', '/comments?page=a&order=top');
    expect(unknown.status).toBe(400);
  });

  it('the cached anonymous first page and its ETag are per order', async () => {
    const api = widget(t);
    const a = await signedIn(t, 'Alice');
    const first = await posted(await api.post(a, { text: 'Первый' }));
    t.clock.advance(20_000);
    const second = await posted(await api.post(a, { text: 'Второй' }));
    const newest = await thread('new');
    const oldest = await thread('old');
    expect(newest.body.comments.map((c) => c.id)).toEqual([second, first]);
    expect(oldest.body.comments.map((c) => c.id)).toEqual([first, second]);
    expect(newest.response.headers.get('ETag')).not.toBe(oldest.response.headers.get('ETag'));
    expect((await thread('new')).body.comments.map((c) => c.id)).toEqual([second, first]);
  });

  it('a site admin pins first in every order, at most 3, from the widget and the panel, audited', async () => {
    const api = widget(t);
    const a = await signedIn(t, 'Alice');
    const reader = await signedIn(t, 'Boris');
    const admin = await panelUser(t, 'editor@news.kz', SITE);
    // The same account signed in to the widget: the panel's admins act from the widget too.
    const adminReader = { id: admin.id, token: await createSession(t.db, admin.id, SITE, t.clock.now()) };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(20_000);
      ids.push(await posted(await api.post(a, { text: `Комментарий ${i}` })));
    }
    const pin = (who: Reader, id: string, pinned: boolean) =>
      send('PUT', `/comments/${id}/pinned`, who, { pinned });

    expect((await errorOf(await pin(reader, ids[0]!, true))).code).toBe('forbidden');
    const pinned = await pin(adminReader, ids[0]!, true);
    expect(pinned.status).toBe(200);
    expect(((await pinned.json()) as CommentCreated).comment.pinned).toBe(true);
    for (const order of ['new', 'old', 'best'] as const) {
      const page = await thread(order);
      expect(page.body.comments[0]).toMatchObject({ id: ids[0], pinned: true });
      expect(page.body.comments.filter((c) => c.id === ids[0])).toHaveLength(1);
    }
    // From the panel too.
    const panelPin = (id: string, pinnedNow: boolean) =>
      t.app.request(`/admin/api/comments/${id}/pinned`, {
        method: 'PUT',
        headers: {
          Cookie: admin.cookie,
          'X-Pikir-Admin': '1',
          Origin: PUBLIC_URL,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ pinned: pinnedNow }),
      });
    expect((await panelPin(ids[1]!, true)).status).toBe(200);
    expect((await panelPin(ids[2]!, true)).status).toBe(200);
    const limit = await panelPin(ids[3]!, true);
    expect(limit.status).toBe(409);
    expect((await errorOf(limit)).code).toBe('pin_limit');
    expect((await panelPin(ids[2]!, false)).status).toBe(200);
    expect((await pin(adminReader, ids[3]!, true)).status).toBe(200);
    const first = await thread('new');
    expect(first.body.comments.slice(0, 3).map((c) => c.id)).toEqual([ids[3], ids[1], ids[0]]);

    t.clock.advance(20_000);
    const reply = await posted(await api.post(a, { text: 'Ответ', parentId: ids[4] }));
    expect((await errorOf(await pin(adminReader, reply, true))).code).toBe('invalid_request');

    const audit = await t.app.request(`/admin/api/audit?site=${SITE}`, { headers: { Cookie: admin.cookie } });
    const actions = ((await audit.json()) as AuditPage).entries.map((e) => e.action);
    expect(actions.filter((x) => x === 'pin')).toHaveLength(4);
    expect(actions.filter((x) => x === 'unpin')).toHaveLength(1);
  });

  it('a permalink finds a comment on a later page and a reply past the first 3', async () => {
    const author = await seedUser(t.db, 'Author');
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push(await seedComment(t.db, { siteId: SITE, pageKey: 'a', authorId: author, at: 1000 + i }));
    }
    const replies: string[] = [];
    for (let i = 0; i < 6; i++) {
      replies.push(
        await seedComment(t.db, {
          siteId: SITE,
          pageKey: 'a',
          authorId: author,
          parentId: ids[0]!,
          at: 5000 + i,
        }),
      );
    }
    const context = async (id: string) => {
      const response = await send('GET', `/comments/${id}/context`);
      return { response, body: (await response.json()) as CommentContext };
    };
    const deep = await context(ids[0]!);
    expect(deep.response.status).toBe(200);
    expect(deep.body.target).toBe(ids[0]);
    expect(deep.body.comment.id).toBe(ids[0]);
    expect(deep.body.comment.replyCount).toBe(6);

    const reply = await context(replies[5]!);
    expect(reply.body.comment.id).toBe(ids[0]);
    expect(reply.body.target).toBe(replies[5]);
    expect(reply.body.comment.replies.map((r) => r.id)).toEqual([...replies.slice(0, 3), replies[5]]);
    // "Показать ещё ответы" goes on after the first three.
    const more = await send('GET', `/comments/${ids[0]}/replies?cursor=${reply.body.comment.repliesCursor}`);
    expect(((await more.json()) as { replies: { id: string }[] }).replies.map((r) => r.id)).toEqual(
      replies.slice(3),
    );

    expect((await context('missing')).response.status).toBe(404);
    await t.db.updateTable('comments').set({ status: 'hidden' }).where('id', '=', replies[4]!).execute();
    expect((await context(replies[4]!)).response.status).toBe(404);
  });
});
