import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportSite, importPikir } from '../../server/import/pikir-export.ts';
import { createImportSink } from '../../server/import/sink.ts';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import { insertBan } from '../../server/storage/bans.ts';
import { createDb, migrate, type Storage } from '../../server/storage/db.ts';
import { createSite, removeSite, SITE_RECHECK_MS, updateSiteSettings } from '../../server/storage/sites.ts';
import type { ThreadPage } from '../../shared/api.ts';
import { posted, type Reader, signedIn, widget } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { ORIGIN, SITE, type TestApp, testApp } from '../helpers/test-app.ts';

function read(t: TestApp, headers: Record<string, string> = {}, query = 'page=a') {
  return t.app.request(`/api/sites/${SITE}/comments?${query}`, { headers: { Origin: ORIGIN, ...headers } });
}
const as = (who: Reader) => ({ Authorization: `Bearer ${who.token}` });

describe.each(engines)('thread ETags and the first-page cache on $engine', ({ open }) => {
  let storage: Storage;
  let t: TestApp;
  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
  });
  afterEach(() => storage.close());

  it('answers 304 to an unchanged thread and 200 once it changed', async () => {
    const author = await signedIn(t, 'Author');
    const id = await posted(await widget(t).post(author, { text: 'first' }));
    const first = await read(t);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(first.headers.get('vary')).toContain('Authorization');

    const again = await read(t, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await read(t, { 'If-None-Match': `"other", ${etag}` })).status).toBe(304);

    // Each change to the thread moves its ETag: a post, an edit, a deletion.
    const seen = new Set([etag]);
    const changes = [
      () => widget(t).post(author, { text: 'second' }),
      () => widget(t).edit(author, id, 'first, edited'),
      () => widget(t).remove(author, id),
    ];
    for (const change of changes) {
      t.clock.advance(60_000);
      expect((await change()).ok).toBe(true);
      const after = await read(t, { 'If-None-Match': [...seen].join(', ') });
      expect(after.status).toBe(200);
      seen.add(after.headers.get('etag')!);
    }
    expect(seen.size).toBe(4);
    const last = (await (await read(t)).json()) as ThreadPage;
    expect(last.comments.map((c) => c.text)).toEqual(['second']);
  });

  it('gives each viewer an ETag of their own and never the anonymous answer to a reader', async () => {
    const author = await signedIn(t, 'Author');
    const other = await signedIn(t, 'Other');
    const held = await posted(await widget(t).post(author, { text: 'withheld' }));
    await t.db.updateTable('comments').set({ status: 'review' }).where('id', '=', held).execute();
    await t.db
      .updateTable('pages')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .execute();

    const anonymous = await read(t);
    expect(((await anonymous.json()) as ThreadPage).comments).toEqual([]);
    const anonymousTag = anonymous.headers.get('etag')!;

    // The author's own withheld comment shows to them, under another ETag, kept private.
    const mine = await read(t, { ...as(author), 'If-None-Match': anonymousTag });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('cache-control')).toBe('private, no-cache');
    expect(((await mine.json()) as ThreadPage).comments.map((c) => c.id)).toEqual([held]);
    const mineTag = mine.headers.get('etag')!;
    expect(mineTag).not.toBe(anonymousTag);
    expect((await read(t, { ...as(author), 'If-None-Match': mineTag })).status).toBe(304);

    // Another reader's tag never validates someone else's view, nor the anonymous one.
    const theirs = await read(t, { ...as(other), 'If-None-Match': mineTag });
    expect(theirs.status).toBe(200);
    expect(((await theirs.json()) as ThreadPage).comments).toEqual([]);
    expect((await read(t, { 'If-None-Match': mineTag })).status).toBe(200);

    // Becoming an admin changes what the reader sees, so the tag changes too.
    await t.db.updateTable('users').set({ email: 'mod@news.kz' }).where('id', '=', other.id).execute();
    await addSiteAdmin(t.db, SITE, 'mod@news.kz', 1);
    const asAdmin = await read(t, { ...as(other), 'If-None-Match': theirs.headers.get('etag')! });
    expect(asAdmin.status).toBe(200);
    expect(((await asAdmin.json()) as ThreadPage).comments.map((c) => c.id)).toEqual([held]);
  });

  it('moves the ETag when the site settings the answer carries change', async () => {
    const etag = (await read(t)).headers.get('etag')!;
    await updateSiteSettings(t.db, SITE, { commentMaxLength: 100 });
    const after = await read(t, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(((await after.json()) as ThreadPage).config.commentMaxLength).toBe(100);
  });

  it("carries the reader's ban and moves their ETag when one is given or runs out", async () => {
    const reader = await signedIn(t, 'Reader');
    const before = await read(t, as(reader));
    expect(((await before.json()) as ThreadPage).viewer).toMatchObject({ userId: reader.id, ban: null });
    const tag = before.headers.get('etag')!;

    const now = t.clock.now();
    await insertBan(
      t.db,
      {
        id: 'ban-1',
        siteId: SITE,
        userId: reader.id,
        until: now + 60_000,
        reason: 'Спам',
        actorId: reader.id,
      },
      now,
    );
    const banned = await read(t, { ...as(reader), 'If-None-Match': tag });
    expect(banned.status).toBe(200);
    expect(((await banned.json()) as ThreadPage).viewer?.ban).toEqual({
      until: now + 60_000,
      reason: 'Спам',
    });
    const bannedTag = banned.headers.get('etag')!;
    expect((await read(t, { ...as(reader), 'If-None-Match': bannedTag })).status).toBe(304);

    // Nobody else's answer carries it.
    expect(((await (await read(t)).json()) as ThreadPage).viewer).toBeUndefined();

    t.clock.advance(60_000);
    const over = await read(t, { ...as(reader), 'If-None-Match': bannedTag });
    expect(over.status).toBe(200);
    expect(((await over.json()) as ThreadPage).viewer?.ban).toBeNull();
  });

  it('does not answer a site restored from its export with the thread of the site removed', async () => {
    const author = await signedIn(t, 'Author');
    const removedId = await posted(await widget(t).post(author, { text: 'hello' }));
    const before = await read(t);
    const removedTag = before.headers.get('etag')!;
    expect(((await before.json()) as ThreadPage).comments.map((c) => c.id)).toEqual([removedId]);

    const exported = new PassThrough();
    const chunks: Buffer[] = [];
    exported.on('data', (chunk: Buffer) => chunks.push(chunk));
    await exportSite(t.db, SITE, exported, t.clock.now());
    exported.end();
    await removeSite(t.db, SITE);
    t.clock.advance(60_000);
    await createSite(t.db, { id: SITE, name: 'News', origins: [ORIGIN] }, t.clock.now());
    const sink = createImportSink(t.db, SITE, 'pikir', t.clock.now());
    await importPikir(Readable.from([Buffer.concat(chunks)]), sink, {});
    await sink.finish();

    // The page is back at the version and first-comment time it had, with comments of new ids.
    const restored = (await t.db.selectFrom('comments').select('id').execute()).map((r) => r.id);
    expect(restored).toHaveLength(1);
    expect(restored).not.toContain(removedId);
    const after = await read(t);
    expect(after.headers.get('etag')).not.toBe(removedTag);
    expect(((await after.json()) as ThreadPage).comments.map((c) => c.id)).toEqual(restored);
    expect((await read(t, { 'If-None-Match': removedTag })).status).toBe(200);
  });

  it('keys the ETag by the page and the cursor', async () => {
    const author = await signedIn(t, 'Author');
    await posted(await widget(t).post(author, { text: 'on a' }));
    const etag = (await read(t)).headers.get('etag')!;
    expect((await read(t, { 'If-None-Match': etag }, 'page=b')).status).toBe(200);
    expect((await read(t, { 'If-None-Match': etag }, 'page=a&cursor=1.x')).status).toBe(200);
  });
});

describe('the first-page cache across instances', () => {
  let dir: string;
  let one: Storage;
  let two: Storage;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pikir-instances-'));
    one = createDb(join(dir, 'pikir.db'));
    await migrate(one.db);
    two = createDb(join(dir, 'pikir.db'));
  });
  afterEach(async () => {
    await one.close();
    await two.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a post made on one instance on the other at once', async () => {
    const a = await testApp(one);
    const b = await testApp(two);
    const author = await signedIn(a, 'Author');
    await posted(await widget(a).post(author, { text: 'first' }));
    const before = (await (await read(b)).json()) as ThreadPage;
    expect(before.comments.map((c) => c.text)).toEqual(['first']);
    // Served from b's memory now; a post on a must still show on b's very next read.
    expect(((await (await read(b)).json()) as ThreadPage).total).toBe(1);
    a.clock.advance(60_000);
    await posted(await widget(a).post(author, { text: 'second' }));
    const after = (await (await read(b)).json()) as ThreadPage;
    expect(after.total).toBe(2);
    expect(after.comments.map((c) => c.text)).toEqual(['second', 'first']);
  });

  it('does not show the first page of a site removed since, to the site added again under its name', async () => {
    const a = await testApp(one);
    const b = await testApp(two);
    const author = await signedIn(a, 'Author');
    await posted(await widget(a).post(author, { text: 'removed with its site' }));
    expect(((await (await read(b)).json()) as ThreadPage).total).toBe(1);
    await removeSite(one.db, SITE);
    a.clock.advance(60_000);
    await createSite(one.db, { id: SITE, name: 'News', origins: [ORIGIN] }, a.clock.now());
    const again = await signedIn(a, 'Author');
    // The page starts over, at the version the cached first page was read at.
    await posted(await widget(a).post(again, { text: 'new' }));
    b.clock.advance(SITE_RECHECK_MS);
    const after = (await (await read(b)).json()) as ThreadPage;
    expect(after.comments.map((c) => c.text)).toEqual(['new']);
  });
});
