import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { CountsResponse } from '../../shared/api.ts';
import { countsQuerySchema } from '../../shared/schemas.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput, queryOf } from '../http/validate.ts';
import { getCommentCounts } from '../storage/pages.ts';
import type { Database } from '../storage/schema.ts';
import { getSite } from '../storage/sites.ts';

/**
 * GET /api/counts?site=ID&page=A&page=B: public numbers for article lists on any page, so any
 * origin may read them, and caches may keep them for a minute.
 */
export function countRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>().get('/', async (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    const query = parseInput(countsQuerySchema, queryOf(c));
    const site = await getSite(db, query.site);
    if (!site) throw new ApiError('site_not_found', `No site "${query.site}" is registered here.`);
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ counts: await getCommentCounts(db, site.id, query.page) } satisfies CountsResponse);
  });
}
