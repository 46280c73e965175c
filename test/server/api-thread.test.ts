import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/storage/db.ts';
import { createSite } from '../../server/storage/sites.ts';
import type { CountsResponse, ThreadPage } from '../../shared/api.ts';
import { THREAD_PAGE_SIZE } from '../../shared/limits.ts';
import { engines } from '../helpers/engines.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { errorOf, ORIGIN, SITE, testApp } from '../helpers/test-app.ts';

describe.each(engines)('thread API on $engine', ({ open }) => {
  let storage: Storage;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeEach(async () => {
    storage = await open();
    t = await testApp(storage);
  });
  afterEach(() => storage.close());

  const thread = (query: string, headers: Record<string, string> = { Origin: ORIGIN }) =>
    t.app.request(`/api/sites/${SITE}/comments?${query}`, { headers });

  it('answers an empty thread for a page nobody has commented on', async () => {
    const response = await thread('page=new-article');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      page: 'new-article',
      config: { defaultCountry: 'KZ', smsCountries: ['KZ'], commentMaxLength: 5000 },
      total: 0,
      version: 0,
      comments: [],
      nextCursor: null,
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('varies on Origin also when a request has none, and then sends no CORS header', async () => {
    const response = await t.app.request(`/api/sites/${SITE}/comments?page=a`);
    expect(response.status).toBe(200);
    expect(response.headers.get('vary')).toContain('Origin');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("tells the widget the site's default country for phone numbers", async () => {
    await createSite(t.db, { id: 'tashkent', name: 'UZ', origins: [ORIGIN], defaultCountry: 'UZ' }, 0);
    const response = await t.app.request('/api/sites/tashkent/comments?page=a', {
      headers: { Origin: ORIGIN },
    });
    expect(((await response.json()) as ThreadPage).config).toMatchObject({ defaultCountry: 'UZ' });
  });

  it('pages through a long thread with the cursor it hands out', async () => {
    const author = await seedUser(t.db, 'Айгерим');
    for (let i = 0; i < THREAD_PAGE_SIZE + 3; i++) {
      await seedComment(t.db, { siteId: SITE, pageKey: 'a', authorId: author, at: 1000 + i, text: `#${i}` });
    }
    const first = (await (await thread('page=a')).json()) as ThreadPage;
    expect(first.total).toBe(THREAD_PAGE_SIZE + 3);
    expect(first.comments).toHaveLength(THREAD_PAGE_SIZE);
    expect(first.comments[0]).toMatchObject({
      text: `#${THREAD_PAGE_SIZE + 2}`,
      author: { name: 'Айгерим' },
      replies: [],
    });
    const second = (await (await thread(`page=a&cursor=${first.nextCursor}`)).json()) as ThreadPage;
    expect(second.comments.map((c) => c.text)).toEqual(['#2', '#1', '#0']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses an unknown site with a readable refusal', async () => {
    const response = await t.app.request('/api/sites/nope/comments?page=a', { headers: { Origin: ORIGIN } });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: 'site_not_found' });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses pages of other origins, never reflecting them, and never "null"', async () => {
    for (const origin of [
      'https://evil.example',
      'null',
      'https://news.example.kz.evil.example',
      'http://news.example.kz',
    ]) {
      const response = await thread('page=a', { Origin: origin });
      expect(response.status).toBe(403);
      expect(await errorOf(response)).toMatchObject({ code: 'origin_not_allowed' });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('answers requests without an Origin (servers, curl) without CORS headers', async () => {
    const response = await thread('page=a', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers the CORS preflight of an allowed origin only', async () => {
    const ok = await t.app.request(`/api/sites/${SITE}/comments`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const refused = await t.app.request(`/api/sites/${SITE}/comments`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example' },
    });
    expect(refused.status).toBe(403);
  });

  it('refuses bad queries with a clear message', async () => {
    const cases: [string, RegExp][] = [
      ['', /page/],
      ['page=', /page: must not be empty/],
      [`page=${'x'.repeat(513)}`, /page: must be at most 512/],
      ['page=a&cursor=DROP', /cursor: is not a valid cursor/],
      ['page=a&sort=old', /sort: is not a known field/],
    ];
    for (const [query, message] of cases) {
      const response = await thread(query);
      expect(response.status, query).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('invalid_request');
      expect(error.message).toMatch(message);
    }
  });

  it('answers unknown endpoints and methods with JSON errors', async () => {
    const missing = await t.app.request('/api/nothing');
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toMatchObject({ code: 'not_found' });
    // A known path with a method it does not take: 405, with the methods it takes (RFC 9110 15.5.6).
    const wrong = await t.app.request(`/api/sites/${SITE}/comments?page=a`, {
      method: 'DELETE',
      headers: { Origin: ORIGIN },
    });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await errorOf(wrong)).toMatchObject({ code: 'method_not_allowed' });
    const one = await t.app.request(`/api/sites/${SITE}/comments/abc/hide`, { headers: { Origin: ORIGIN } });
    expect(one.status).toBe(405);
    expect(one.headers.get('allow')).toBe('POST');
    // Another path (a trailing slash) is not the endpoint's: not found, whatever the method.
    const slash = await t.app.request(`/api/sites/${SITE}/comments/?page=a`, { headers: { Origin: ORIGIN } });
    expect(slash.status).toBe(404);
  });

  it('refuses bodies above the limit before reading them', async () => {
    const response = await t.app.request(`/api/sites/${SITE}/comments`, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'Content-Length': String(1024 * 1024) },
      body: 'x'.repeat(1024 * 1024),
    });
    expect(response.status).toBe(413);
    // The widget on the site's page can read why: the refusal carries the site's CORS headers.
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('vary')).toContain('Origin');
    expect(await errorOf(response)).toMatchObject({ code: 'payload_too_large' });
  });

  it('tells browsers to keep to HTTPS for a year', async () => {
    const response = await thread('page=a');
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('logs each request with the id it returns', async () => {
    const response = await thread('page=a');
    const id = response.headers.get('x-request-id');
    expect(id).toBeTruthy();
    expect(t.logs.some((line) => line.startsWith(`${id} GET /api/sites/${SITE}/comments 200`))).toBe(true);
  });

  it('hides internal errors behind a generic 500 and logs them', async () => {
    await storage.close();
    const response = await thread('page=a');
    expect(response.status).toBe(500);
    expect(await errorOf(response)).toEqual({
      code: 'internal',
      message: expect.stringMatching(/went wrong/),
    });
    expect(t.logs.some((line) => line.includes(' error '))).toBe(true);
    storage = await open();
  });

  describe('counts', () => {
    it('answers any origin with counts for every page asked, cached briefly', async () => {
      const author = await seedUser(t.db);
      await seedComment(t.db, { siteId: SITE, pageKey: 'a', authorId: author, at: 1 });
      const response = await t.app.request(`/api/counts?site=${SITE}&page=a&page=b`, {
        headers: { Origin: 'https://anywhere.example' },
      });
      expect(response.status).toBe(200);
      expect((await response.json()) as CountsResponse).toEqual({ counts: { a: 1, b: 0 } });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    });

    it('refuses too many pages, no pages and unknown sites', async () => {
      const many = Array.from({ length: 51 }, (_, i) => `page=p${i}`).join('&');
      expect((await t.app.request(`/api/counts?site=${SITE}&${many}`)).status).toBe(400);
      expect((await t.app.request(`/api/counts?site=${SITE}`)).status).toBe(400);
      const unknown = await t.app.request('/api/counts?site=nope&page=a');
      expect(unknown.status).toBe(404);
      expect(await errorOf(unknown)).toMatchObject({ code: 'site_not_found' });
    });
  });
});
