import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPLAINTS_PER_HOUR } from '../../server/auth/posting-limits.ts';
import type { Storage } from '../../server/storage/db.ts';
import { updateSiteSettings } from '../../server/storage/sites.ts';
import type { ComplaintReceived, ErrorBody } from '../../shared/api.ts';
import { pageCount, posted, type Reader, signedIn, visibleIds, widget } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { seedComment } from '../helpers/seed.ts';
import { errorOf, SITE, testApp } from '../helpers/test-app.ts';

describe.each(engines)('complaints API on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;
  let api: ReturnType<typeof widget>;
  let author: Reader;
  let readers: Reader[];
  let comment: string;
  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
    api = widget(t);
    author = await signedIn(t, 'Author');
    readers = [await signedIn(t, 'R1'), await signedIn(t, 'R2'), await signedIn(t, 'R3')];
    comment = await posted(await api.post(author, { text: 'something rude' }));
  });
  afterEach(() => storage.close());

  const complaintRows = () => t.db.selectFrom('complaints').selectAll().execute();

  it('takes one complaint per reader per comment, and answers a second one politely', async () => {
    const first = await api.report(readers[0], comment, { reason: 'spam' });
    expect(first.status).toBe(201);
    expect((await first.json()) as ComplaintReceived).toEqual({ status: 'received' });
    const second = await api.report(readers[0], comment, { reason: 'abuse' });
    expect(second.status).toBe(200);
    expect((await second.json()) as ComplaintReceived).toEqual({ status: 'already_reported' });
    expect(await complaintRows()).toHaveLength(1);
    expect((await complaintRows())[0]).toMatchObject({ reason: 'spam', reporter_id: readers[0]!.id });
  });

  it('stores concurrent duplicates once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api.report(readers[1], comment, { reason: 'hate' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(await complaintRows()).toHaveLength(1);
    const row = await t.db.selectFrom('comments').select('open_complaints').executeTakeFirstOrThrow();
    expect(Number(row.open_complaints)).toBe(1);
  });

  it('refuses anonymous readers and complaints about one’s own comment', async () => {
    expect((await api.report(undefined, comment, { reason: 'spam' })).status).toBe(401);
    const own = await api.report(author, comment, { reason: 'spam' });
    expect(own.status).toBe(403);
    expect((await errorOf(own)).code).toBe('forbidden');
    expect((await api.report(readers[0], 'no-such-comment', { reason: 'spam' })).status).toBe(404);
    expect(await complaintRows()).toEqual([]);
  });

  it('wants words with "other" and none with the listed reasons', async () => {
    for (const body of [
      { reason: 'other' },
      { reason: 'other', details: '   ' },
      { reason: 'spam', details: 'x' },
    ]) {
      const response = await api.report(readers[0], comment, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(response)).code).toBe('complaint_invalid');
    }
    expect((await api.report(readers[0], comment, { reason: 'nonsense' })).status).toBe(400);
    expect(await complaintRows()).toEqual([]);
    const ok = await api.report(readers[0], comment, { reason: 'other', details: ' <b>реклама казино</b> ' });
    expect(ok.status).toBe(201);
    expect((await complaintRows())[0]).toMatchObject({ reason: 'other', details: '<b>реклама казино</b>' });
  });

  it(`takes at most ${COMPLAINTS_PER_HOUR} complaints an hour from a reader`, async () => {
    const ids: string[] = [];
    for (let i = 0; i <= COMPLAINTS_PER_HOUR; i++) {
      ids.push(await seedComment(t.db, { siteId: SITE, pageKey: 'b', authorId: author.id, at: i }));
    }
    const start = t.clock.now();
    for (const id of ids.slice(0, COMPLAINTS_PER_HOUR)) {
      expect((await api.report(readers[0], id, { reason: 'off_topic' })).status).toBe(201);
      t.clock.advance(1000);
    }
    const refused = await api.report(readers[0], ids.at(-1)!, { reason: 'off_topic' });
    expect(refused.status).toBe(429);
    const wait = Math.ceil((start + 3600_000 - t.clock.now()) / 1000);
    expect(((await refused.json()) as ErrorBody).error.retryAfter).toBe(wait);
    expect(refused.headers.get('retry-after')).toBe(String(wait));
    // Already reported is no new complaint: still answered, never counted.
    expect((await api.report(readers[0], ids[0]!, { reason: 'spam' })).status).toBe(200);
    t.clock.set(start + 3600_000 + 1);
    expect((await api.report(readers[0], ids.at(-1)!, { reason: 'off_topic' })).status).toBe(201);
  });

  it('withholds a comment at the third reader’s complaint; its author still sees it under review', async () => {
    const other = await posted(await api.post(readers[2], { text: 'fine' }));
    await api.report(readers[0], comment, { reason: 'abuse' });
    await api.report(readers[1], comment, { reason: 'abuse' });
    expect(visibleIds((await api.thread()).body)).toContain(comment);
    expect(await pageCount(t.db)).toBe(2);

    expect((await api.report(readers[2], comment, { reason: 'hate' })).status).toBe(201);
    const anonymous = (await api.thread()).body;
    expect(visibleIds(anonymous)).toEqual([other]);
    expect(anonymous.total).toBe(1);
    expect(await pageCount(t.db)).toBe(1);
    expect(visibleIds((await api.thread(readers[0])).body)).toEqual([other]);
    const own = (await api.thread(author)).body;
    expect(own.comments.find((c) => c.id === comment)).toMatchObject({
      status: 'review',
      text: 'something rude',
    });
    // The author cannot edit the words the admins are deciding on.
    expect((await api.edit(author, comment, 'nice now')).status).toBe(403);
  });

  it('keeps a reported comment as the reporters saw it: no edits, and an author delete keeps the text', async () => {
    await api.report(readers[0], comment, { reason: 'abuse' });
    expect((await api.edit(author, comment, 'nice now')).status).toBe(403);
    expect((await api.remove(author, comment)).status).toBe(204);
    const row = await t.db
      .selectFrom('comments')
      .select(['status', 'text', 'open_complaints'])
      .where('id', '=', comment)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'deleted', text: 'something rude', open_complaints: 1 });
    expect(visibleIds((await api.thread()).body)).not.toContain(comment);
  });

  it('follows the site’s own threshold', async () => {
    await updateSiteSettings(t.db, SITE, { complaintThreshold: 1 });
    await api.report(readers[0], comment, { reason: 'spam' });
    const row = await t.db.selectFrom('comments').select('status').executeTakeFirstOrThrow();
    expect(row.status).toBe('review');
    expect(await pageCount(t.db)).toBe(0);
  });

  it('queues each new complaint for the site’s webhook', async () => {
    await updateSiteSettings(t.db, SITE, { webhookUrl: 'https://hooks.example.kz/pikir' });
    await api.report(readers[0], comment, { reason: 'other', details: 'реклама' });
    await api.report(readers[0], comment, { reason: 'other', details: 'again' });
    expect(await t.deliverWebhooks()).toBe(1);
    expect(t.webhooks.sent).toHaveLength(1);
    expect(t.webhooks.sent[0]).toMatchObject({
      url: 'https://hooks.example.kz/pikir',
      event: {
        type: 'complaint',
        site: SITE,
        comment: {
          id: comment,
          text: 'something rude',
          status: 'published',
          author: { id: author.id, name: 'Author' },
          page: { key: 'a', title: 'Article', url: 'https://news.example.kz/a' },
        },
        reason: 'other',
        details: 'реклама',
        openComplaints: 1,
        actor: { id: readers[0]!.id, name: 'R1' },
        at: t.clock.now(),
      },
    });
  });

  it('answers the reader even when the webhook fails, and logs the failure without its path', async () => {
    await updateSiteSettings(t.db, SITE, { webhookUrl: 'https://hooks.example.kz/secret-token' });
    t.webhooks.failWith(new Error('connection refused'));
    expect((await api.report(readers[0], comment, { reason: 'spam' })).status).toBe(201);
    await t.deliverWebhooks();
    const line = t.logs.find((l) => l.includes('webhook of site news'))!;
    expect(line).toContain('https://hooks.example.kz');
    expect(line).toContain('connection refused');
    expect(line).not.toContain('secret-token');
  });
});
