/**
 * The admin API is for the admin panel, a page of this server: same origin only, no CORS headers
 * at all. Its cookie is SameSite=Strict; besides that, every unsafe request must carry
 * `X-Pikir-Admin: 1` (a header no cross-site form or simple request can send) and, when the
 * browser names its Origin, come from the server's own public origin.
 */
import type { MiddlewareHandler } from 'hono';
import { Refusal } from '../refusal.ts';
import type { AppEnv } from './env.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function adminCsrf(publicUrl: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Queue items hold contacts and reported text: no cache may keep them.
    c.header('Cache-Control', 'no-store');
    if (!SAFE_METHODS.has(c.req.method)) {
      if (c.req.header('x-pikir-admin') !== '1') {
        throw new Refusal('forbidden', 'Admin requests must carry the X-Pikir-Admin header.');
      }
      const origin = c.req.header('origin');
      if (origin !== undefined && origin !== publicUrl) {
        throw new Refusal('forbidden', 'Admin requests must come from the admin panel.');
      }
    }
    await next();
  };
}
