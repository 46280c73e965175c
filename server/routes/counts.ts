/**
 * Comment counts for article lists (shared/contract/threads.ts): public numbers for list pages on
 * any origin, so any origin may read them, and caches may keep them for a minute.
 */
import type { Kysely } from 'kysely';
import { Endpoints } from '../http/endpoint.ts';
import { Refusal } from '../refusal.ts';
import { getCommentCounts } from '../storage/pages.ts';
import type { Database } from '../storage/schema.ts';
import { getSite } from '../storage/sites.ts';

export function countRoutes(db: Kysely<Database>) {
  const routes = new Endpoints();
  // Set before the query is validated, so that refusals are readable by the page too.
  routes.use('/api/counts', async (c, next) => {
    c.header('Access-Control-Allow-Origin', '*');
    await next();
  });
  return routes.endpoint('GET /api/counts', async (c, { query }) => {
    const site = await getSite(db, query.site);
    if (!site) throw new Refusal('site_not_found', `No site "${query.site}" is registered here.`);
    c.header('Cache-Control', 'public, max-age=60');
    return { counts: await getCommentCounts(db, site.id, query.page) };
  });
}
