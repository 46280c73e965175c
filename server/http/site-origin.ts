/**
 * Every /api/sites/:site/* request passes here. The site must exist, and a browser request must
 * come from one of the site's allowed origins: exact match, never reflected, never "null".
 * Requests without an Origin header are not from a browser page and go through (curl, servers).
 *
 * Refusals carry `Access-Control-Allow-Origin: *` so the loader on a wrong page can read why and
 * say so in the console; the refusal holds nothing but the error code.
 */
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { siteIdSchema } from '../../shared/schemas.ts';
import type { Clock } from '../clock.ts';
import { Refusal } from '../refusal.ts';
import type { Database } from '../storage/schema.ts';
import { getCachedSite } from '../storage/sites.ts';
import type { AppEnv } from './env.ts';
import { errorResponse } from './errors.ts';

const refusalHeaders = { 'Access-Control-Allow-Origin': '*', Vary: 'Origin' };

export function siteOrigin(db: Kysely<Database>, clock: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const siteId = c.req.param('site') ?? '';
    const site = v.is(siteIdSchema, siteId) ? await getCachedSite(db, siteId, clock.now()) : undefined;
    if (!site) {
      return errorResponse(
        c,
        new Refusal('site_not_found', `No site "${siteId}" is registered here.`),
        refusalHeaders,
      );
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !site.origins.includes(origin)) {
      return errorResponse(
        c,
        new Refusal('origin_not_allowed', `Origin ${origin} is not allowed for site "${site.id}".`),
        refusalHeaders,
      );
    }
    c.set('site', site);
    // Vary even without an Origin: a shared cache must not give that answer, which has no CORS
    // header, to a browser's request that has one.
    c.header('Vary', 'Origin');
    if (origin !== undefined) c.header('Access-Control-Allow-Origin', origin);
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      c.header('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    await next();
  };
}
