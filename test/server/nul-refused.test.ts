import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/storage/db.ts';
import { posted, signedIn, widget } from '../helpers/api.ts';
import { engines } from '../helpers/engines.ts';
import { ORIGIN, SITE, type TestApp, testApp } from '../helpers/test-app.ts';

/**
 * PostgreSQL's text cannot hold U+0000, so a NUL that reached a statement failed it as a storage
 * error (500, and every page-state read batched with it). Refused at the door instead, on both
 * engines alike, naming the field.
 */
describe.each(engines)('a NUL anywhere in a request, on $engine', ({ open }) => {
  let storage: Storage;
  let t: TestApp;
  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
  });
  afterEach(() => storage.close());

  const refusal = async (response: Response) => ({
    status: response.status,
    ...((await response.json()) as { error: { code: string; message: string } }).error,
  });
  const nulRefused = (field: string) => ({
    status: 400,
    code: 'invalid_request',
    message: `${field}: must not contain the NUL character (U+0000)`,
  });

  it('is refused with 400 in a body, a query or a path, and nothing is stored', async () => {
    const author = await signedIn(t, 'Author');
    const other = await signedIn(t, 'Other');
    const w = widget(t);
    const id = await posted(await w.post(author, { text: 'first' }));
    t.clock.advance(600_000);

    expect(await refusal(await w.post(author, { text: 'x', title: 'Статья\u0000' }))).toEqual(
      nulRefused('title'),
    );
    expect(await refusal(await w.post(author, { text: 'y', page: 'a\u0000b' }))).toEqual(nulRefused('page'));
    expect(await refusal(await w.report(other, id, { reason: 'other', details: 'd\u0000' }))).toEqual(
      nulRefused('details'),
    );
    const read = (path: string) => t.app.request(path, { headers: { Origin: ORIGIN } });
    expect(await refusal(await read(`/api/sites/${SITE}/comments?page=a%00`))).toEqual(nulRefused('page'));
    expect(await refusal(await read(`/api/counts?site=${SITE}&page=a&page=b%00`))).toEqual(
      nulRefused('page.1'),
    );
    expect(await refusal(await w.remove(author, `${id}%00`))).toEqual(nulRefused('id'));

    const stored = await t.db.selectFrom('comments').select('text').execute();
    expect(stored.map((c) => c.text)).toEqual(['first']);
    expect(await t.db.selectFrom('complaints').select('id').execute()).toEqual([]);
    expect((await w.thread()).body.comments.map((c) => c.id)).toEqual([id]);
  });

  it('looks into a body nested thousands deep without overflowing, and answers it 400', async () => {
    const depth = 5000;
    const deep = (inner: string) =>
      t.app.request(`/api/sites/${SITE}/auth/login`, {
        method: 'POST',
        headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
        body: `{"x":${'['.repeat(depth)}${inner}${']'.repeat(depth)}}`,
      });
    expect(await refusal(await deep('"\\u0000"'))).toEqual(nulRefused(`x${'.0'.repeat(depth)}`));
    expect((await deep('')).status).toBe(400);
  });
});
