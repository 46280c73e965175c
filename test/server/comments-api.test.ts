import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMENTS_PER_HOUR, COMMENTS_PER_HOUR_PER_IP } from '../../server/auth/posting-limits.ts';
import { randomId } from '../../server/ids.ts';
import { insertBan } from '../../server/storage/bans.ts';
import { insertComment } from '../../server/storage/comments.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite, updateSiteSettings } from '../../server/storage/sites.ts';
import type { CommentCreated, ErrorBody } from '../../shared/api.ts';
import { EDIT_WINDOW_MS } from '../../shared/limits.ts';
import { pageCount, posted, type Reader, signedIn, visibleIds, widget } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { errorOf, ORIGIN, SITE, testApp } from '../helpers/test-app.ts';

const HOUR = 3600_000;

describe.each(engines)('comments API on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;
  let api: ReturnType<typeof widget>;
  let ann: Reader;
  let bob: Reader;
  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
    api = widget(t);
    ann = await signedIn(t, 'Ann');
    bob = await signedIn(t, 'Bob');
  });
  afterEach(() => storage.close());

  /** Moves the clock past the 10-second pace limit. */
  const later = () => t.clock.advance(11_000);

  describe('posting', () => {
    it('stores the text as typed, creates the page and shows the comment in the thread', async () => {
      const text = '<img src=x onerror=alert(1)>\n«Салем» & <b>bold</b>';
      const response = await api.post(ann, { text: `  ${text}  `, title: '  Нацбанк   сохранил ставку ' });
      expect(response.status).toBe(201);
      const { comment } = (await response.json()) as CommentCreated;
      expect(comment).toMatchObject({
        text,
        parentId: null,
        author: { id: ann.id, name: 'Ann' },
        status: 'published',
        createdAt: t.clock.now(),
        editedAt: null,
      });
      const stored = await t.db.selectFrom('comments').select('text').executeTakeFirstOrThrow();
      expect(stored.text).toBe(text);
      const page = await t.db.selectFrom('pages').selectAll().executeTakeFirstOrThrow();
      expect(page).toMatchObject({ title: 'Нацбанк сохранил ставку', url: `${ORIGIN}/a`, comment_count: 1 });
      const { body } = await api.thread();
      expect(body.total).toBe(1);
      expect(body.comments[0]).toMatchObject({ id: comment.id, text });
    });

    it('keeps only URLs on the site’s own origins, cuts long titles, and lets no later post rename the page', async () => {
      await posted(
        await api.post(ann, { text: 'one', url: 'https://evil.example/a', title: 'я'.repeat(400) }),
      );
      let page = await t.db.selectFrom('pages').selectAll().executeTakeFirstOrThrow();
      expect(page.url).toBe(ORIGIN);
      expect([...page.title]).toHaveLength(300);
      later();
      await posted(await api.post(ann, { text: 'two', url: `${ORIGIN}/a?x=1` }));
      later();
      await posted(await api.post(bob, { text: 'three', url: 'javascript:alert(1)', title: '' }));
      page = await t.db.selectFrom('pages').selectAll().executeTakeFirstOrThrow();
      expect(page).toMatchObject({ url: ORIGIN, title: 'я'.repeat(300), comment_count: 3 });
    });

    it('needs a session of this site', async () => {
      expect((await api.post(undefined, { text: 'hi' })).status).toBe(401);
      await createSite(t.db, { id: 'other', name: 'Other', origins: ['https://other.kz'] }, 0);
      const elsewhere = await signedIn(t, 'Eve', 'other');
      expect((await api.post(elsewhere, { text: 'hi' })).status).toBe(401);
      const stolen = await widget(t, SITE, 'https://evil.example').post(ann, { text: 'hi' });
      expect(stolen.status).toBe(403);
      expect(await pageCount(t.db)).toBe(0);
    });

    it('takes 1 to 5,000 characters counted as code points, per the site’s setting', async () => {
      for (const text of ['', '   \n  ', 'x'.repeat(5001), 'a\u0007b']) {
        const response = await api.post(ann, { text });
        expect(response.status).toBe(400);
        expect((await errorOf(response)).code).toBe('text_invalid');
      }
      // A NUL is refused with every other request that holds one (test/server/nul-refused.test.ts).
      expect(await errorOf(await api.post(ann, { text: 'a\u0000b' }))).toMatchObject({
        code: 'invalid_request',
        message: 'text: must not contain the NUL character (U+0000)',
      });
      await posted(await api.post(ann, { text: '😀'.repeat(5000) }));
      await updateSiteSettings(t.db, SITE, { commentMaxLength: 10 });
      later();
      expect((await errorOf(await api.post(ann, { text: 'x'.repeat(11) }))).code).toBe('text_invalid');
      await posted(await api.post(ann, { text: 'x'.repeat(10) }));
      expect(await t.db.selectFrom('comments').select('id').execute()).toHaveLength(2);
    });

    it('refuses bidi overrides and isolates, as in names, and keeps emoji joined by U+200D', async () => {
      for (const text of ['abc \u202Egnp.exe', 'x \u2066y\u2069', '\u202Aembedded']) {
        const response = await api.post(ann, { text });
        expect((await errorOf(response)).message, JSON.stringify(text)).toMatch(/bidi control characters/);
      }
      later();
      await posted(await api.post(ann, { text: 'семья 👨\u200D👩\u200D👧' }));
    });
  });

  it('keeps the page count exact under concurrent posts and a concurrent double post', async () => {
    const readers = await Promise.all(Array.from({ length: 8 }, (_, i) => signedIn(t, `R${i}`)));
    const answers = await Promise.all([
      ...readers.map((r, i) => api.post(r, { text: `parallel ${i}` })),
      api.post(ann, { text: 'twice' }),
      api.post(ann, { text: 'twice' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(9).fill(201), 409].sort());
    expect(await pageCount(t.db)).toBe(9);
    expect((await api.thread()).body.total).toBe(9);
  });

  describe('replies', () => {
    it('attach a reply to a reply to the top comment', async () => {
      const top = await posted(await api.post(ann, { text: 'top' }));
      const reply = await posted(await api.post(bob, { text: 'reply', parentId: top }));
      later();
      const response = await api.post(ann, { text: 'reply to reply', parentId: reply });
      const { comment } = (await response.json()) as CommentCreated;
      expect(comment.parentId).toBe(top);
      const { body } = await api.thread();
      expect(body.comments).toHaveLength(1);
      expect(body.comments[0]!.replies.map((r) => r.text)).toEqual(['reply', 'reply to reply']);
      expect(body.total).toBe(3);
      expect(await pageCount(t.db)).toBe(3);
    });

    it('refuse parents on other pages, other sites, or withheld from readers', async () => {
      const top = await posted(await api.post(ann, { text: 'top' }));
      expect((await api.post(bob, { text: 'x', parentId: top, page: 'b' })).status).toBe(404);
      expect((await api.post(bob, { text: 'x', parentId: 'nope' })).status).toBe(404);
      await t.db.updateTable('comments').set({ status: 'hidden' }).where('id', '=', top).execute();
      expect((await api.post(bob, { text: 'x', parentId: top })).status).toBe(404);
      expect(await t.db.selectFrom('comments').select('id').execute()).toHaveLength(1);
    });
    it('take a reply to a reply under a deleted top comment, not under a withheld one', async () => {
      const top = await posted(await api.post(ann, { text: 'top' }));
      const reply = await posted(await api.post(bob, { text: 'reply', parentId: top }));
      const setTop = (status: 'hidden' | 'deleted') =>
        t.db.updateTable('comments').set({ status }).where('id', '=', top).execute();
      await setTop('hidden');
      later();
      const refused = await api.post(ann, { text: 'under hidden', parentId: reply });
      expect(refused.status).toBe(404);
      expect((await errorOf(refused)).code).toBe('not_found');
      await setTop('deleted');
      const { comment } = (await (
        await api.post(ann, { text: 'under deleted', parentId: reply })
      ).json()) as CommentCreated;
      expect(comment.parentId).toBe(top);
    });
  });

  describe('editing', () => {
    it('lets the author edit within 15 minutes and marks the edit', async () => {
      const id = await posted(await api.post(ann, { text: 'frist' }));
      t.clock.advance(EDIT_WINDOW_MS - 1000);
      const response = await api.edit(ann, id, ' first <script> ');
      expect(response.status).toBe(200);
      const { comment } = (await response.json()) as CommentCreated;
      expect(comment).toMatchObject({ text: 'first <script>', editedAt: t.clock.now() });
      expect((await api.thread()).body.comments[0]).toMatchObject({
        text: 'first <script>',
        editedAt: t.clock.now(),
      });
    });

    it('refuses edits after 15 minutes and edits of other people’s comments', async () => {
      const id = await posted(await api.post(ann, { text: 'mine' }));
      const foreign = await api.edit(bob, id, 'not yours');
      expect(foreign.status).toBe(403);
      expect((await errorOf(foreign)).code).toBe('forbidden');
      t.clock.advance(EDIT_WINDOW_MS + 1);
      const late = await api.edit(ann, id, 'too late');
      expect(late.status).toBe(403);
      expect((await errorOf(late)).code).toBe('edit_window_closed');
      expect((await api.thread()).body.comments[0]!.text).toBe('mine');
      expect((await api.edit(ann, id, '')).status).toBe(403);
    });
  });

  describe('deleting', () => {
    it('removes a comment without replies and keeps the count exact', async () => {
      const keep = await posted(await api.post(ann, { text: 'keep' }));
      later();
      const gone = await posted(await api.post(ann, { text: 'gone' }));
      expect(await pageCount(t.db)).toBe(2);
      expect((await api.remove(ann, gone)).status).toBe(204);
      const { body } = await api.thread();
      expect(visibleIds(body)).toEqual([keep]);
      expect(body.total).toBe(1);
      expect(await pageCount(t.db)).toBe(1);
      const stored = await t.db
        .selectFrom('comments')
        .selectAll()
        .where('id', '=', gone)
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ status: 'deleted', text: '' });
      expect((await api.remove(ann, gone)).status).toBe(404);
    });

    it('leaves a placeholder above replies, without text or author', async () => {
      const top = await posted(await api.post(ann, { text: 'top' }));
      const reply = await posted(await api.post(bob, { text: 'reply', parentId: top }));
      expect((await api.remove(ann, top)).status).toBe(204);
      let { body } = await api.thread();
      expect(body.comments[0]).toMatchObject({
        id: top,
        status: 'deleted',
        text: '',
        author: { id: '', name: '' },
        replies: [{ id: reply, text: 'reply' }],
      });
      expect(body.total).toBe(1);
      expect(await pageCount(t.db)).toBe(1);
      expect((await api.remove(bob, reply)).status).toBe(204);
      ({ body } = await api.thread());
      expect(body.comments).toEqual([]);
      expect(body.total).toBe(0);
    });

    it('lets only the author or the site’s admin delete', async () => {
      const id = await posted(await api.post(ann, { text: 'mine' }));
      expect((await api.remove(bob, id)).status).toBe(403);
      expect((await api.remove(undefined, id)).status).toBe(401);
      expect(await pageCount(t.db)).toBe(1);
    });
  });

  describe('limits', () => {
    it('allows one comment per 10 seconds per user', async () => {
      await posted(await api.post(ann, { text: 'one' }));
      t.clock.advance(4000);
      const response = await api.post(ann, { text: 'two' });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('6');
      expect(((await response.json()) as ErrorBody).error).toMatchObject({
        code: 'rate_limited',
        retryAfter: 6,
        interval: 10,
      });
      await posted(await api.post(bob, { text: 'someone else may' }));
      t.clock.advance(6000);
      await posted(await api.post(ann, { text: 'two' }));
      expect(await pageCount(t.db)).toBe(3);
    });

    it(`allows ${COMMENTS_PER_HOUR} comments an hour per user`, async () => {
      const start = t.clock.now();
      for (let i = 0; i < COMMENTS_PER_HOUR; i++) {
        await posted(await api.post(ann, { text: `#${i}` }));
        t.clock.advance(60_000);
      }
      const refused = await api.post(ann, { text: 'one more' });
      expect(refused.status).toBe(429);
      // The oldest of the hour's comments leaves the window at start + 1 h.
      const wait = (start + HOUR - t.clock.now()) / 1000;
      const error = ((await refused.json()) as ErrorBody).error;
      expect(error.retryAfter).toBe(wait);
      // An hourly limit, not the gap between two comments.
      expect(error.interval).toBeUndefined();
      t.clock.set(start + HOUR + 1);
      await posted(await api.post(ann, { text: 'one more' }));
    });

    it(`allows ${COMMENTS_PER_HOUR_PER_IP} comments an hour from one address`, async () => {
      const page = { siteId: SITE, pageKey: 'a', title: 'A', url: ORIGIN };
      const now = t.clock.now();
      for (let i = 0; i < COMMENTS_PER_HOUR_PER_IP; i++) {
        await insertComment(
          t.db,
          { id: randomId(), page, parentId: null, authorId: bob.id, text: `#${i}`, ipKey: '198.51.100.1' },
          now - HOUR + 60_000 + i,
        );
      }
      const refused = await api.post(ann, { text: 'hi' }, '198.51.100.1');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('60');
      await posted(await api.post(ann, { text: 'hi' }, '198.51.100.2'));
    });

    it('refuses the same text twice in a row from one author', async () => {
      await posted(await api.post(ann, { text: 'Same' }));
      later();
      const again = await api.post(ann, { text: ' Same ' });
      expect(again.status).toBe(409);
      expect((await errorOf(again)).code).toBe('duplicate_comment');
      await posted(await api.post(bob, { text: 'Same' }));
      await posted(await api.post(ann, { text: 'Different' }));
      later();
      await posted(await api.post(ann, { text: 'Same' }));
      expect(await pageCount(t.db)).toBe(4);
    });

    it('tells a banned reader until when and why, and lets them back when the ban ends', async () => {
      const admin = await signedIn(t, 'Admin');
      const until = t.clock.now() + 24 * HOUR;
      await insertBan(
        t.db,
        { id: randomId(), siteId: SITE, userId: ann.id, until, reason: 'insults', actorId: admin.id },
        t.clock.now(),
      );
      const refused = await api.post(ann, { text: 'hello' });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as ErrorBody).error).toMatchObject({
        code: 'banned',
        until,
        reason: 'insults',
      });
      t.clock.set(until + 1);
      await posted(await api.post(ann, { text: 'hello' }));
    });
  });

  describe('thread for a signed-in reader', () => {
    it('names the viewer and is private to them', async () => {
      await posted(await api.post(ann, { text: 'hi' }));
      const { response, body } = await api.thread(ann);
      expect(body.viewer).toEqual({ userId: ann.id, admin: false, ban: null });
      expect(response.headers.get('cache-control')).toBe('private, no-cache');
      const anonymous = await api.thread();
      expect(anonymous.body.viewer).toBeUndefined();
      expect(anonymous.response.headers.get('cache-control')).toBe('no-cache');
    });

    it('shows withheld comments to their author and admins only, with their status', async () => {
      const admin = await signedIn(t, 'Admin');
      await t.db.updateTable('users').set({ email: 'admin@news.kz' }).where('id', '=', admin.id).execute();
      await t.db
        .insertInto('site_admins')
        .values({ site_id: SITE, contact: 'admin@news.kz', created_at: 0 })
        .execute();
      const shown = await posted(await api.post(bob, { text: 'shown' }));
      const held = await posted(await api.post(ann, { text: 'held' }));
      await t.db.updateTable('comments').set({ status: 'review' }).where('id', '=', held).execute();
      expect(visibleIds((await api.thread()).body)).toEqual([shown]);
      expect(visibleIds((await api.thread(bob)).body)).toEqual([shown]);
      const own = (await api.thread(ann)).body;
      expect(own.comments.find((c) => c.id === held)?.status).toBe('review');
      const moderator = (await api.thread(admin)).body;
      expect(moderator.viewer).toEqual({ userId: admin.id, admin: true, ban: null });
      expect(visibleIds(moderator).sort()).toEqual([shown, held].sort());
    });
  });
});
