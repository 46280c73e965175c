import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * Runs `middleware` (a body limit) only for methods that carry a body. GET and HEAD pass untouched:
 * on @hono/node-server even asking whether a request has a body builds a full web Request, a
 * cost every thread read would pay.
 */
export function withBody(middleware: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : middleware(c, next));
}
