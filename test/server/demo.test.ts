import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDemoSite } from '../../server/demo.ts';
import { DEMO_PAGE_KEY } from '../../server/routes/demo.ts';
import { listThread } from '../../server/storage/comments.ts';
import type { Storage } from '../../server/storage/db.ts';
import { getSite } from '../../server/storage/sites.ts';
import { engines } from '../helpers/engines.ts';

describe.each(engines)('demo site on $engine', ({ open }) => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await open();
  });
  afterEach(() => storage.close());

  it('is created once with a living thread, and allows a changed PUBLIC_URL', async () => {
    await ensureDemoSite(storage.db, 'http://localhost:8787', 1_000_000_000);
    await ensureDemoSite(storage.db, 'http://localhost:8787', 1_000_000_000);
    await ensureDemoSite(storage.db, 'http://localhost:9000', 1_000_000_000);
    expect((await getSite(storage.db, 'demo'))?.origins).toEqual([
      'http://localhost:8787',
      'http://localhost:9000',
    ]);
    const thread = await listThread(storage.db, { siteId: 'demo', pageKey: DEMO_PAGE_KEY, limit: 20 });
    expect(thread.comments).toHaveLength(3);
    expect(thread.comments.flatMap((c) => c.replies)).toHaveLength(1);
  });
});

describe('demo article page', () => {
  it('carries the snippet pointing at the public URL', async () => {
    const { demoRoutes } = await import('../../server/routes/demo.ts');
    const response = await demoRoutes('https://comments.example.kz').request('/');
    const html = await response.text();
    expect(html).toContain('<div id="comments"></div>');
    expect(html).toContain('<script src="https://comments.example.kz/embed.js" data-site="demo"');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });
});
